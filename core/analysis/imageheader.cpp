#include "analysis/imageheader.h"

#include <cstring>

namespace facefolio {

namespace {

uint32_t be16(const uint8_t *p)
{
    return uint32_t(p[0]) << 8 | p[1];
}
uint32_t le16(const uint8_t *p)
{
    return uint32_t(p[1]) << 8 | p[0];
}
uint32_t be32(const uint8_t *p)
{
    return be16(p) << 16 | be16(p + 2);
}
uint32_t le32(const uint8_t *p)
{
    return le16(p + 2) << 16 | le16(p);
}

constexpr size_t kNoThumbnail = ~size_t(0);

// A TIFF structure (a TIFF file, or the body of a JPEG's Exif segment):
// reads IFD0 for width, height and orientation, and with a `thumbnailBase`
// (where `d` starts in the whole buffer) IFD1 for the embedded thumbnail.
void readTiff(const uint8_t *d, size_t n, ImageHeader &h, bool wantSize, size_t thumbnailBase)
{
    if (n < 8)
        return;
    bool little;
    if (d[0] == 'I' && d[1] == 'I')
        little = true;
    else if (d[0] == 'M' && d[1] == 'M')
        little = false;
    else
        return;
    auto u16 = [&](size_t off) { return little ? le16(d + off) : be16(d + off); };
    auto u32 = [&](size_t off) { return little ? le32(d + off) : be32(d + off); };
    if (u16(2) != 42)
        return;
    // A date is 19 ASCII characters and its NUL, stored at an offset.
    auto readDate = [&](size_t e, char *out) {
        const uint32_t type = u16(e + 2), count = u32(e + 4), at = u32(e + 8);
        if (type != 2 || count < 19 || at > n || n - at < 19)
            return false;
        for (size_t k = 0; k < 19; ++k) {
            const char c = char(d[at + k]);
            const bool digit = c >= '0' && c <= '9';
            const bool sep = k == 4 || k == 7 || k == 13 || k == 16 ? c == ':'
                             : k == 10                              ? c == ' '
                                                                    : digit;
            if (!sep)
                return false;
        }
        if (std::memcmp(d + at, "0000", 4) == 0)
            return false; // cameras write zeros when the clock was never set
        std::memcpy(out, d + at, 19);
        out[19] = 0;
        return true;
    };
    size_t ifd = u32(4);
    size_t exifIfd = 0;
    size_t ifd1 = 0;
    char fallback[20] = {};
    // IFD0, then the Exif sub-IFD it points to (where the capture date is).
    for (int level = 0; level < 2; ++level) {
        if (ifd == 0 || ifd > n || n - ifd < 2)
            break;
        const size_t count = u16(ifd);
        // IFD1, the thumbnail's, is the one after IFD0 in the chain.
        const size_t next = ifd + 2 + count * 12;
        if (level == 0 && next <= n && n - next >= 4)
            ifd1 = u32(next);
        for (size_t i = 0; i < count; ++i) {
            const size_t e = ifd + 2 + i * 12;
            if (e > n || n - e < 12)
                break;
            const uint32_t tag = u16(e);
            const uint32_t type = u16(e + 2);
            const uint32_t value = type == 3 ? u16(e + 8) : type == 4 ? u32(e + 8) : 0;
            if (level == 1) {
                if (tag == 0x9003)
                    readDate(e, h.taken);
                continue;
            }
            if (tag == 0x0112 && value >= 1 && value <= 8)
                h.orientation = int(value);
            else if (wantSize && tag == 256 && value > 0 && value <= 0x7fffffff)
                h.width = int(value);
            else if (wantSize && tag == 257 && value > 0 && value <= 0x7fffffff)
                h.height = int(value);
            else if (tag == 0x8769 && type == 4)
                exifIfd = value;
            else if (tag == 0x0132)
                readDate(e, fallback);
        }
        if (exifIfd == ifd)
            break; // a loop
        ifd = exifIfd;
    }
    if (!h.taken[0] && fallback[0])
        std::memcpy(h.taken, fallback, sizeof fallback);
    if (thumbnailBase == kNoThumbnail || ifd1 == 0 || ifd1 > n || n - ifd1 < 2)
        return;
    const size_t count = u16(ifd1);
    size_t at = 0, length = 0;
    bool jpeg = true; // JPEG unless a Compression tag says otherwise
    for (size_t i = 0; i < count; ++i) {
        const size_t e = ifd1 + 2 + i * 12;
        if (e > n || n - e < 12)
            break;
        const uint32_t tag = u16(e);
        const uint32_t type = u16(e + 2);
        const uint32_t value = type == 3 ? u16(e + 8) : type == 4 ? u32(e + 8) : 0;
        if (tag == 0x0201)
            at = value;
        else if (tag == 0x0202)
            length = value;
        else if (tag == 0x0103)
            jpeg = value == 6; // 1 is uncompressed strips, not a JPEG
    }
    // Offsets are the file's word: the bytes must lie inside the segment and
    // start like a JPEG.
    if (!jpeg || at == 0 || length < 4 || at > n || length > n - at || d[at] != 0xFF ||
        d[at + 1] != 0xD8)
        return;
    h.thumbnailOffset = thumbnailBase + at;
    h.thumbnailLength = length;
}

void readJpeg(const uint8_t *d, size_t n, ImageHeader &h)
{
    size_t pos = 2;
    while (pos + 4 <= n) {
        if (d[pos] != 0xFF) {
            ++pos; // tolerate padding and garbage between segments
            continue;
        }
        const uint8_t marker = d[pos + 1];
        if (marker == 0xFF) {
            ++pos;
            continue;
        }
        if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
            pos += 2;
            continue;
        }
        if (marker == 0xD9 || marker == 0xDA)
            return; // end of image or start of scan: no more headers
        const size_t len = be16(d + pos + 2);
        if (len < 2 || pos + 2 + len > n)
            return;
        const uint8_t *body = d + pos + 4;
        const size_t bodyLen = len - 2;
        const bool sof =
            marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (sof && bodyLen >= 5) {
            h.height = int(be16(body + 1));
            h.width = int(be16(body + 3));
            return;
        }
        if (marker == 0xE1 && bodyLen > 6 && std::memcmp(body, "Exif\0\0", 6) == 0)
            readTiff(body + 6, bodyLen - 6, h, false, size_t(body + 6 - d));
        pos += 2 + len;
    }
}

void readWebP(const uint8_t *d, size_t n, ImageHeader &h)
{
    if (n < 30)
        return;
    if (std::memcmp(d + 12, "VP8X", 4) == 0) {
        h.width = int((d[24] | d[25] << 8 | d[26] << 16) + 1);
        h.height = int((d[27] | d[28] << 8 | d[29] << 16) + 1);
    } else if (std::memcmp(d + 12, "VP8L", 4) == 0 && d[20] == 0x2f) {
        const uint32_t bits = le32(d + 21);
        h.width = int((bits & 0x3fff) + 1);
        h.height = int(((bits >> 14) & 0x3fff) + 1);
    } else if (std::memcmp(d + 12, "VP8 ", 4) == 0 && d[23] == 0x9d && d[24] == 0x01 &&
               d[25] == 0x2a) {
        h.width = int(le16(d + 26) & 0x3fff);
        h.height = int(le16(d + 28) & 0x3fff);
    }
}

} // namespace

ImageHeader ImageHeader::parse(const uint8_t *d, size_t n)
{
    ImageHeader h;
    if (!d || n < 12)
        return h;
    if (d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF) {
        h.format = Format::Jpeg;
        readJpeg(d, n, h);
    } else if (n >= 24 && std::memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0) {
        h.format = Format::Png;
        if (std::memcmp(d + 12, "IHDR", 4) == 0) {
            const uint32_t w = be32(d + 16), hh = be32(d + 20);
            if (w <= 0x7fffffff && hh <= 0x7fffffff) {
                h.width = int(w);
                h.height = int(hh);
            }
        }
    } else if (std::memcmp(d, "GIF87a", 6) == 0 || std::memcmp(d, "GIF89a", 6) == 0) {
        h.format = Format::Gif;
        h.width = int(le16(d + 6));
        h.height = int(le16(d + 8));
    } else if (d[0] == 'B' && d[1] == 'M' && n >= 26) {
        h.format = Format::Bmp;
        const int32_t w = int32_t(le32(d + 18)), hh = int32_t(le32(d + 22));
        if (w > 0 && hh != INT32_MIN) {
            h.width = w;
            h.height = hh < 0 ? -hh : hh;
        }
    } else if (std::memcmp(d, "RIFF", 4) == 0 && std::memcmp(d + 8, "WEBP", 4) == 0) {
        h.format = Format::WebP;
        readWebP(d, n, h);
    } else if ((d[0] == 'I' && d[1] == 'I' && d[2] == 42 && d[3] == 0) ||
               (d[0] == 'M' && d[1] == 'M' && d[2] == 0 && d[3] == 42)) {
        h.format = Format::Tiff;
        readTiff(d, n, h, true, kNoThumbnail);
    } else if (std::memcmp(d + 4, "ftyp", 4) == 0) {
        static const char *const brands[] = {"heic", "heix", "hevc", "hevx", "heim",
                                             "heis", "mif1", "msf1", "avif"};
        for (const char *b : brands)
            if (std::memcmp(d + 8, b, 4) == 0)
                h.format = Format::Heif;
    }
    return h;
}

const char *ImageHeader::formatName(Format f)
{
    switch (f) {
    case Format::Jpeg:
        return "JPEG";
    case Format::Png:
        return "PNG";
    case Format::Gif:
        return "GIF";
    case Format::Bmp:
        return "BMP";
    case Format::WebP:
        return "WebP";
    case Format::Tiff:
        return "TIFF";
    case Format::Heif:
        return "HEIF";
    case Format::Unknown:
        break;
    }
    return "unknown";
}

} // namespace facefolio
