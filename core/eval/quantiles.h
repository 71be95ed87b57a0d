#pragma once
// Quantiles of the standard normal and Student t distributions. Torch-free.

#include <cstddef>

namespace pwb::eval {

// z with Φ(z) = p, p in (0, 1): bisection on Φ(z) = erfc(−z/√2)/2 down to adjacent doubles.
// Throws std::invalid_argument when p is not in (0, 1).
double normalQuantile(double p);

// t with P(T ≤ t) = p for Student's t with `degrees_of_freedom` (an integer >= 1), p in (0, 1).
// Exact, not a table: bisection on the angle θ = atan(t/√ν) of the closed-form CDF for
// integer ν (Abramowitz & Stegun 26.7.3 and 26.7.4), a finite sum of about ν/2 terms.
// Throws std::invalid_argument when p is not in (0, 1) or degrees_of_freedom is 0.
double studentTQuantile(double p, std::size_t degrees_of_freedom);

}  // namespace pwb::eval
