#pragma once
// Proportional allocation with integers, for stratified splits and subsamples.

#include <cstddef>
#include <vector>

namespace pwb::data {

// Divides N items, grouped in classes of class_sizes, into parts of exactly part_sizes (both
// sum to N), each class spread over the parts in proportion: counts[c][s] is
// class_sizes[c]·part_sizes[s]/N rounded down or up, rows summing to class_sizes and columns
// to part_sizes. Such a rounding always exists (the table's margins are integers); it is
// found as a flow, moving one rounded-up unit at a time along augmenting paths.
std::vector<std::vector<std::size_t>> apportion(const std::vector<std::size_t>& class_sizes,
                                                const std::vector<std::size_t>& part_sizes);

// An order of N items, given as the class of each position, in which every prefix holds each
// class in proportion: for every length p, class c appears floor(p·n_c/N) or ceil(p·n_c/N)
// times. Prefixes of it give nested stratified subsamples. Built by earliest-deadline-first:
// the k-th item of class c may come no earlier than position floor((k-1)·N/n_c)+1 and no
// later than ceil(k·N/n_c); a schedule within those windows exists (Tijdeman 1980, the
// "chairman assignment problem") and EDF finds one.
std::vector<std::size_t> proportionalSequence(const std::vector<std::size_t>& class_sizes);

}  // namespace pwb::data
