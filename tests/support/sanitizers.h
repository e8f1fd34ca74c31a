// AddressSanitizer reserves terabytes of address space for its shadow memory, so an address-space
// limit cannot be set under it, and its quarantine holds freed memory, so peak memory measures the
// sanitizer: tests of either say so and leave them to the release suite.
#pragma once

namespace drslint::test {

#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kUnderAsan = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kUnderAsan = true;
#else
inline constexpr bool kUnderAsan = false;
#endif
#else
inline constexpr bool kUnderAsan = false;
#endif

}  // namespace drslint::test
