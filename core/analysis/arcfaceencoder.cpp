#include "analysis/arcfaceencoder_p.h"
#include "analysis/modelerror.h"
#include "analysis/modellocator.h"

#include <QString>
#include <cmath>
#include <opencv2/dnn.hpp>
#include <opencv2/imgproc.hpp>

namespace facefolio::detail {

namespace {

constexpr int kDims = 512;
// Faces per forward pass: a crowd photo is encoded in a few passes, which
// bounds the network's working memory (about 3 MB of activations a face).
constexpr size_t kBatch = 16;

cv::Point2f mean(const std::array<cv::Point2f, 68> &p, int first, int last)
{
    cv::Point2f sum(0, 0);
    for (int i = first; i <= last; ++i)
        sum += p[size_t(i)];
    return sum / float(last - first + 1);
}

[[noreturn]] void fail(const QString &why)
{
    throw ModelError(QStringLiteral("the ArcFace model fr_feature.onnx %1; run `%2`")
                         .arg(why, ModelLocator::setupCommand())
                         .toStdString());
}

} // namespace

std::array<cv::Point2f, 5> arcFacePoints(const std::array<cv::Point2f, 68> &landmarks)
{
    return {mean(landmarks, 36, 41), mean(landmarks, 42, 47), landmarks[30], landmarks[48],
            landmarks[54]};
}

cv::Mat arcFaceTransform(const std::array<cv::Point2f, 5> &points)
{
    // The similarity x' = a·x − b·y + tx, y' = b·x + a·y + ty that fits all five
    // points in the least-squares sense (Umeyama's estimate, as the network's
    // training alignment made it). On centred points it has a closed form.
    double sx = 0, sy = 0, dx = 0, dy = 0;
    for (size_t i = 0; i < points.size(); ++i) {
        sx += points[i].x;
        sy += points[i].y;
        dx += kArcFaceTemplate[i][0];
        dy += kArcFaceTemplate[i][1];
    }
    const double n = double(points.size());
    sx /= n, sy /= n, dx /= n, dy /= n;
    double spread = 0, dot = 0, cross = 0;
    for (size_t i = 0; i < points.size(); ++i) {
        const double x = points[i].x - sx, y = points[i].y - sy;
        const double u = kArcFaceTemplate[i][0] - dx, v = kArcFaceTemplate[i][1] - dy;
        spread += x * x + y * y;
        dot += x * u + y * v;
        cross += x * v - y * u;
    }
    if (!std::isfinite(spread) || spread < 1e-6)
        return {};
    const double a = dot / spread, b = cross / spread;
    cv::Mat m =
        (cv::Mat_<double>(2, 3) << a, -b, dx - (a * sx - b * sy), b, a, dy - (b * sx + a * sy));
    return m;
}

cv::Mat alignArcFace(const cv::Mat &bgr, const std::array<cv::Point2f, 5> &points)
{
    const cv::Mat m = arcFaceTransform(points);
    if (m.empty() || bgr.empty())
        return {};
    cv::Mat out;
    // Outside the photo its edge pixels go on. The reference alignment pads
    // with black instead, but tight crops (a folder of faces) leave much of
    // the template outside the photo, and there the edge keeps them nearer
    // their person: on 60% crops of the sample faces, 10 of 11 stay within
    // 1.1 of their face with it, 8 of 11 with black.
    cv::warpAffine(bgr, out, m, cv::Size(kArcFaceSize, kArcFaceSize), cv::INTER_LINEAR,
                   cv::BORDER_REPLICATE);
    return out;
}

struct ArcFaceEncoder::Net
{
    cv::dnn::Net net;
};

ArcFaceEncoder::ArcFaceEncoder(const QByteArray &onnx)
    : m_model(std::make_shared<const std::vector<uchar>>(onnx.begin(), onnx.end()))
{
    ArcFaceEncoder copy(*this);
    // One grey face proves the file is a network of the expected shape.
    std::vector<float> norms;
    const cv::Mat grey(kArcFaceSize, kArcFaceSize, CV_8UC3, cv::Scalar::all(127));
    copy.encode({grey}, &norms);
    if (norms.size() != 1 || !std::isfinite(norms[0]))
        fail(QStringLiteral("gives no usable output"));
    m_net = std::move(copy.m_net);
}

ArcFaceEncoder::ArcFaceEncoder(const ArcFaceEncoder &other)
    : m_model(other.m_model)
    , m_net(std::make_unique<Net>())
{
    // cv::dnn::Net copies share one network; a worker needs its own.
    try {
        m_net->net = cv::dnn::readNetFromONNX(reinterpret_cast<const char *>(m_model->data()),
                                              m_model->size());
    } catch (const cv::Exception &e) {
        fail(QStringLiteral("cannot be read (%1)")
                 .arg(QString::fromStdString(e.msg).simplified().left(160)));
    }
    if (m_net->net.empty())
        fail(QStringLiteral("cannot be read"));
    m_net->net.setPreferableBackend(cv::dnn::DNN_BACKEND_OPENCV);
    m_net->net.setPreferableTarget(cv::dnn::DNN_TARGET_CPU);
}

ArcFaceEncoder::~ArcFaceEncoder() = default;

std::vector<Embedding> ArcFaceEncoder::encode(const std::vector<cv::Mat> &alignedBgr,
                                              std::vector<float> *norms)
{
    std::vector<Embedding> out;
    out.reserve(alignedBgr.size());
    if (norms)
        norms->clear();
    for (size_t first = 0; first < alignedBgr.size(); first += kBatch) {
        const size_t count = std::min(kBatch, alignedBgr.size() - first);
        const std::vector<cv::Mat> batch(alignedBgr.begin() + long(first),
                                         alignedBgr.begin() + long(first + count));
        for (const cv::Mat &crop : batch)
            if (crop.type() != CV_8UC3 || crop.rows != kArcFaceSize || crop.cols != kArcFaceSize)
                throw std::invalid_argument("ArcFace input must be a 112×112 BGR crop");
        // RGB, (pixel − 127) / 128, NCHW.
        const cv::Mat blob = cv::dnn::blobFromImages(batch, 1.0 / 128, cv::Size(),
                                                     cv::Scalar::all(127), true, false);
        m_net->net.setInput(blob);
        const cv::Mat result = m_net->net.forward();
        // The network ends in a reshape to one row; its floats are still the
        // faces' 512 outputs one after the other.
        if (result.type() != CV_32F || result.total() != count * kDims)
            fail(QStringLiteral("gives %1 floats for %2 faces, not 512 each")
                     .arg(result.total())
                     .arg(count));
        const cv::Mat rows = result.reshape(1, int(count));
        for (size_t i = 0; i < count; ++i) {
            const float *v = rows.ptr<float>(int(i));
            double sum = 0;
            for (int k = 0; k < kDims; ++k)
                sum += double(v[k]) * v[k];
            const float norm = float(std::sqrt(sum));
            Embedding e{};
            const float inv = norm > 0 ? 1.0f / norm : 0.0f;
            for (int k = 0; k < kDims; ++k)
                e[size_t(k)] = v[k] * inv;
            out.push_back(e);
            if (norms)
                norms->push_back(norm);
        }
    }
    return out;
}

} // namespace facefolio::detail
