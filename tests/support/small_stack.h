// Runs a function on a thread with a small stack, as a service that embeds drslint might: glibc
// threads get what pthread_attr_setstacksize asks, and a stack overflow there kills the whole test
// binary, which ctest reports as a failure.
#pragma once

#include <pthread.h>

#include <cstddef>
#include <exception>
#include <functional>
#include <stdexcept>
#include <string>

namespace drslint::test {

inline constexpr std::size_t kOneMiB = 1024 * 1024;

// Calls `body` on a new thread whose stack is `stack_bytes`, waits for it, and rethrows whatever it
// threw (Boost.Test's assertion macros are safe to use inside).
inline void run_with_stack(std::size_t stack_bytes, const std::function<void()>& body)
{
    struct Call {
        const std::function<void()>* body;
        std::exception_ptr error;
    } call{&body, nullptr};
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    if (pthread_attr_setstacksize(&attributes, stack_bytes) != 0) {
        throw std::runtime_error("pthread_attr_setstacksize refused " + std::to_string(stack_bytes));
    }
    pthread_t thread;
    const int created = pthread_create(
        &thread, &attributes,
        [](void* argument) -> void* {
            auto* c = static_cast<Call*>(argument);
            try {
                (*c->body)();
            } catch (...) {
                c->error = std::current_exception();
            }
            return nullptr;
        },
        &call);
    pthread_attr_destroy(&attributes);
    if (created != 0) {
        throw std::runtime_error("pthread_create failed");
    }
    pthread_join(thread, nullptr);
    if (call.error) {
        std::rethrow_exception(call.error);
    }
}

}  // namespace drslint::test
