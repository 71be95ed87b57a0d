#include "eval/quantiles.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace pwb::eval {
namespace {

constexpr double kPi = 3.141592653589793238462643383279502884;

void requireProbability(double p, const char* function) {
  if (!(p > 0.0 && p < 1.0)) {
    throw std::invalid_argument(std::string(function) + ": probability " + std::to_string(p) +
                                " is not strictly between 0 and 1");
  }
}

// Smallest x in [lo, hi] with increasing(x) >= target, to the resolution of doubles.
template <typename F>
double bisect(F increasing, double target, double lo, double hi) {
  for (;;) {
    const double mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) return hi;
    if (increasing(mid) < target) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
}

// P(|T| <= √ν·tanθ) for integer ν >= 1, θ in [0, π/2].
double studentTCentralMass(double theta, std::size_t nu) {
  const double s = std::sin(theta);
  const double c = std::cos(theta);
  const double c2 = c * c;
  double sum = 1.0;
  double term = 1.0;
  if (nu % 2 == 0) {
    // sinθ · [1 + (1/2)c² + (1·3)/(2·4)c⁴ + … up to c^(ν−2)]
    for (std::size_t k = 1; 2 * k <= nu - 2; ++k) {
      term *= static_cast<double>(2 * k - 1) / static_cast<double>(2 * k) * c2;
      sum += term;
    }
    return s * sum;
  }
  // (2/π) · (θ + sinθ·cosθ · [1 + (2/3)c² + (2·4)/(3·5)c⁴ + … up to c^(ν−3)]), the bracket
  // absent for ν = 1.
  if (nu == 1) return 2.0 / kPi * theta;
  for (std::size_t k = 1; 2 * k <= nu - 3; ++k) {
    term *= static_cast<double>(2 * k) / static_cast<double>(2 * k + 1) * c2;
    sum += term;
  }
  return 2.0 / kPi * (theta + s * c * sum);
}

}  // namespace

double normalQuantile(double p) {
  requireProbability(p, "normalQuantile");
  // Search the lower tail, where erfc keeps full relative precision; 1 − p is exact for p >= 0.5.
  if (p > 0.5) return -normalQuantile(1.0 - p);
  if (p == 0.5) return 0.0;  // Φ rounds to ½ on a few doubles either side of 0
  const auto cdf = [](double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); };
  return bisect(cdf, p, -40.0, 0.0);
}

double studentTQuantile(double p, std::size_t degrees_of_freedom) {
  requireProbability(p, "studentTQuantile");
  if (degrees_of_freedom == 0) throw std::invalid_argument("studentTQuantile: degrees of freedom is 0");
  if (p < 0.5) return -studentTQuantile(1.0 - p, degrees_of_freedom);
  if (p == 0.5) return 0.0;
  // P(T <= t) = p  ⇔  P(|T| <= t) = 2p − 1 for t > 0.
  const auto mass = [degrees_of_freedom](double theta) { return studentTCentralMass(theta, degrees_of_freedom); };
  const double theta = bisect(mass, 2.0 * p - 1.0, 0.0, kPi / 2);
  return std::sqrt(static_cast<double>(degrees_of_freedom)) * std::tan(theta);
}

}  // namespace pwb::eval
