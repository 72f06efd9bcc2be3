#include "analysis/jpegdecoder_p.h"

#include <csetjmp>
#include <cstdio> // jpeglib.h needs FILE
#include <cstring>
#include <jerror.h>
#include <jpeglib.h>

namespace facefolio::detail {

namespace {

// libjpeg reports fatal errors through error_exit, which must not return, and
// prints warnings itself unless output_message is replaced. Fatal errors jump
// back to the setjmp of the phase that was running; each phase keeps only
// trivially destructible locals, so the jump skips no destructor.
struct ErrorManager
{
    jpeg_error_mgr pub;
    std::jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
};

void onError(j_common_ptr cinfo)
{
    auto *err = reinterpret_cast<ErrorManager *>(cinfo->err);
    (*cinfo->err->format_message)(cinfo, err->message);
    std::longjmp(err->jump, 1);
}

void onMessage(j_common_ptr) {}

struct Job
{
    jpeg_decompress_struct cinfo;
    ErrorManager err;
};

bool readHeader(Job &job, const unsigned char *data, unsigned long size, int scaleDenom)
{
    if (setjmp(job.err.jump))
        return false;
    jpeg_mem_src(&job.cinfo, data, size);
    jpeg_read_header(&job.cinfo, TRUE);
    job.cinfo.scale_num = 1;
    job.cinfo.scale_denom = unsigned(scaleDenom);
    const J_COLOR_SPACE in = job.cinfo.jpeg_color_space;
    job.cinfo.out_color_space = in == JCS_CMYK || in == JCS_YCCK ? JCS_CMYK : JCS_EXT_BGR;
    jpeg_start_decompress(&job.cinfo);
    return true;
}

bool readPixels(Job &job, unsigned char *pixels, size_t stride)
{
    if (setjmp(job.err.jump))
        return false;
    while (job.cinfo.output_scanline < job.cinfo.output_height) {
        JSAMPROW row = pixels + size_t(job.cinfo.output_scanline) * stride;
        jpeg_read_scanlines(&job.cinfo, &row, 1);
    }
    jpeg_finish_decompress(&job.cinfo);
    return true;
}

// Adobe writes CMYK inverted (0 = full ink), which is what nearly every CMYK
// JPEG in the wild is; the product of the stored values is then the colour.
void cmykToBgr(const cv::Mat &cmyk, bool inverted, cv::Mat &bgr)
{
    bgr.create(cmyk.rows, cmyk.cols, CV_8UC3);
    for (int y = 0; y < cmyk.rows; ++y) {
        const uchar *s = cmyk.ptr<uchar>(y);
        uchar *d = bgr.ptr<uchar>(y);
        for (int x = 0; x < cmyk.cols; ++x, s += 4, d += 3) {
            const int c = inverted ? s[0] : 255 - s[0], m = inverted ? s[1] : 255 - s[1];
            const int yy = inverted ? s[2] : 255 - s[2], k = inverted ? s[3] : 255 - s[3];
            d[0] = uchar(yy * k / 255);
            d[1] = uchar(m * k / 255);
            d[2] = uchar(c * k / 255);
        }
    }
}

} // namespace

bool decodeJpeg(const QByteArray &data, int scaleDenom, cv::Mat &bgr, int &warnings, QString &error)
{
    Job job;
    std::memset(&job, 0, sizeof job);
    job.cinfo.err = jpeg_std_error(&job.err.pub);
    job.err.pub.error_exit = onError;
    job.err.pub.output_message = onMessage;
    jpeg_create_decompress(&job.cinfo);

    const auto fail = [&] {
        error = QStringLiteral("cannot decode JPEG: %1")
                    .arg(QString::fromLocal8Bit(job.err.message).simplified());
        jpeg_destroy_decompress(&job.cinfo);
        return false;
    };
    if (!readHeader(job, reinterpret_cast<const unsigned char *>(data.constData()),
                    static_cast<unsigned long>(data.size()), scaleDenom))
        return fail();

    const int w = int(job.cinfo.output_width), h = int(job.cinfo.output_height);
    const bool cmyk = job.cinfo.out_color_space == JCS_CMYK;
    if (w <= 0 || h <= 0 || job.cinfo.output_components != (cmyk ? 4 : 3)) {
        std::strncpy(job.err.message, "unexpected output layout", sizeof job.err.message - 1);
        return fail();
    }
    cv::Mat pixels(h, w, cmyk ? CV_8UC4 : CV_8UC3);
    if (!readPixels(job, pixels.data, pixels.step))
        return fail();
    warnings = int(job.err.pub.num_warnings);
    if (cmyk)
        cmykToBgr(pixels, job.cinfo.saw_Adobe_marker, bgr);
    else
        bgr = pixels;
    jpeg_destroy_decompress(&job.cinfo);
    return true;
}

} // namespace facefolio::detail
