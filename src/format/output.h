// Output in blocks. std::cout, as the CLI leaves it (synchronised with stdio), has no buffer of
// its own: every ostream::put or short operator<< is a call into stdio, which takes a lock once any
// thread has existed. Through rapidjson::OStreamWrapper that was one call per byte, and the largest
// cost of a finding. Formatters write into these instead, and they hand the target whole blocks.
#pragma once

#include <cstddef>
#include <cstring>
#include <ostream>
#include <streambuf>
#include <string>

// Internal (not drslint::format, which the shared library exports whole).
namespace drslint::formatting {

inline constexpr std::size_t kOutputBlock = 64 * 1024;

// A RapidJSON output stream (Put, Flush) that writes `target` in blocks of kOutputBlock bytes.
class JsonStream {
public:
    using Ch = char;

    explicit JsonStream(std::ostream& target) : target_(target) {}
    JsonStream(const JsonStream&) = delete;
    JsonStream& operator=(const JsonStream&) = delete;
    ~JsonStream() { drain(); }

    void Put(char c)
    {
        buffer_[size_++] = c;
        if (size_ == kOutputBlock) drain();
    }
    // `n` bytes at once, as n calls of Put would write them.
    void append(const char* s, std::size_t n)
    {
        if (n <= kOutputBlock - size_ - 1) {  // most appends: short, into the block (a constant n copies inline)
            std::memcpy(buffer_ + size_, s, n);
            size_ += n;
            return;
        }
        while (n != 0) {
            const std::size_t room = kOutputBlock - size_;
            const std::size_t k = n < room ? n : room;
            std::memcpy(buffer_ + size_, s, k);
            size_ += k;
            s += k;
            n -= k;
            if (size_ == kOutputBlock) drain();
        }
    }
    // RapidJSON's Writer::Flush() calls it at the end of a document: the block is written by
    // drain() (or the destructor), so that a document of one line is still one write.
    void Flush() {}
    // Hands what is buffered to the target.
    void drain()
    {
        if (size_ != 0) target_.write(buffer_, static_cast<std::streamsize>(size_));
        size_ = 0;
    }

private:
    std::ostream& target_;
    std::size_t size_ = 0;
    char buffer_[kOutputBlock];
};

// The buffer of BlockOutput: whole blocks of kOutputBlock bytes go to `target`.
class BlockBuffer : public std::streambuf {
public:
    explicit BlockBuffer(std::ostream& target) : target_(target) { setp(buffer_, buffer_ + kOutputBlock); }
    BlockBuffer(const BlockBuffer&) = delete;
    BlockBuffer& operator=(const BlockBuffer&) = delete;
    ~BlockBuffer() override { drain(); }

protected:
    int_type overflow(int_type c) override
    {
        drain();
        if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
        *pptr() = traits_type::to_char_type(c);
        pbump(1);
        return c;
    }
    int sync() override
    {
        drain();
        return target_ ? 0 : -1;
    }

private:
    void drain()
    {
        const std::ptrdiff_t size = pptr() - pbase();
        if (size != 0) target_.write(pbase(), size);
        setp(buffer_, buffer_ + kOutputBlock);
    }

    std::ostream& target_;
    char buffer_[kOutputBlock];
};

// An std::ostream over `target` that writes it in blocks, for formatters that use operator<<.
// flush() (and the destructor) hand the rest over. The buffer is a base, not a member, so that it
// is built before the stream that is given it.
struct BlockBufferHolder {
    explicit BlockBufferHolder(std::ostream& target) : buffer(target) {}
    BlockBuffer buffer;
};

class BlockOutput : private BlockBufferHolder, public std::ostream {
public:
    explicit BlockOutput(std::ostream& target) : BlockBufferHolder(target), std::ostream(&buffer) {}
    ~BlockOutput() override { buffer.pubsync(); }
};

// An std::streambuf that appends to a string, for output rendered on one thread and printed by
// another (BatchWriter::render). No buffer of its own: the string is one, and its size is always
// what was written, so a finding's end can be read off it.
class StringBuffer : public std::streambuf {
public:
    explicit StringBuffer(std::string& target) : target_(target) {}

protected:
    int_type overflow(int_type c) override
    {
        if (!traits_type::eq_int_type(c, traits_type::eof())) target_.push_back(traits_type::to_char_type(c));
        return traits_type::not_eof(c);
    }
    std::streamsize xsputn(const char* s, std::streamsize n) override
    {
        target_.append(s, static_cast<std::size_t>(n));
        return n;
    }

private:
    std::string& target_;
};

}  // namespace drslint::formatting
