#include "analysis/ssddetector.h"

#include "analysis/modelerror.h"
#include "analysis/modellocator.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <opencv2/dnn.hpp>
#include <opencv2/imgproc.hpp>
#include <unordered_map>

namespace facefolio {

namespace {

// Batch normalisation epsilon of the exported graph (float32 of 0.001).
constexpr float kBatchNormEpsilon = 0.0010000000474974513f;
constexpr float kIouThreshold = 0.5f;
// The box coder's scale factors: centre offsets are divided by 10, log sizes by 5.
constexpr float kCentreScale = 10.0f;
constexpr float kSizeScale = 5.0f;

[[noreturn]] void fail(const QString &what)
{
    throw ModelError(QStringLiteral("SSD face detector weights: %1; run `%2` to (re)install "
                                    "the models")
                         .arg(what, ModelLocator::setupCommand())
                         .toStdString());
}

using TensorMap = std::unordered_map<std::string, const TfjsTensor *>;

const TfjsTensor &tensor(const TensorMap &map, const std::string &name,
                         std::initializer_list<int> shape)
{
    const auto it = map.find(name);
    if (it == map.end())
        fail(QStringLiteral("tensor %1 is missing").arg(QString::fromStdString(name)));
    // A dimension of 0 in `shape` accepts any size there.
    const std::vector<int> &got = it->second->shape;
    bool ok = got.size() == shape.size();
    for (size_t i = 0; ok && i < got.size(); ++i)
        ok = shape.begin()[i] == 0 || shape.begin()[i] == got[i];
    if (!ok)
        fail(QStringLiteral("tensor %1 has an unexpected shape").arg(QString::fromStdString(name)));
    return *it->second;
}

/// One convolution of the network, ready for cv::dnn: filters [out][in/groups][h][w].
struct Conv
{
    std::string name;
    cv::Mat filters;
    cv::Mat bias;
    int kernel = 1;
    int stride = 1;
    int groups = 1;
    bool relu6 = true;
};

// TensorFlow stores filters [h][w][in][out].
cv::Mat oihwFromHwio(const TfjsTensor &t)
{
    const int kh = t.shape[0], kw = t.shape[1], in = t.shape[2], out = t.shape[3];
    const int sizes[] = {out, in, kh, kw};
    cv::Mat m(4, sizes, CV_32F);
    float *dst = m.ptr<float>();
    for (int o = 0; o < out; ++o)
        for (int i = 0; i < in; ++i)
            for (int y = 0; y < kh; ++y)
                for (int x = 0; x < kw; ++x)
                    *dst++ = t.values[size_t(((y * kw + x) * in + i) * out + o)];
    return m;
}

cv::Mat row(const std::vector<float> &v)
{
    return cv::Mat(1, int(v.size()), CV_32F, const_cast<float *>(v.data())).clone();
}

// A convolution whose batch norm was folded into an offset, followed by ReLU6.
Conv pointwise(const TensorMap &map, const std::string &prefix, int stride)
{
    const TfjsTensor &w = tensor(map, prefix + "/weights", {0, 0, 0, 0});
    const TfjsTensor &b = tensor(map, prefix + "/convolution_bn_offset", {w.shape[3]});
    if (w.shape[0] != w.shape[1])
        fail(QStringLiteral("tensor %1/weights is not square").arg(QString::fromStdString(prefix)));
    return Conv{prefix, oihwFromHwio(w), row(b.values), w.shape[0], stride, 1, true};
}

// A depthwise 3×3 convolution with its batch norm folded into the filters.
Conv depthwise(const TensorMap &map, int index, int channels, int stride)
{
    const std::string p = "MobilenetV1/Conv2d_" + std::to_string(index) + "_depthwise";
    const TfjsTensor &w = tensor(map, p + "/depthwise_weights", {3, 3, channels, 1});
    const TfjsTensor &gamma = tensor(map, p + "/BatchNorm/gamma", {channels});
    const TfjsTensor &beta = tensor(map, p + "/BatchNorm/beta", {channels});
    const TfjsTensor &mean = tensor(map, p + "/BatchNorm/moving_mean", {channels});
    const TfjsTensor &var = tensor(map, p + "/BatchNorm/moving_variance", {channels});
    const int sizes[] = {channels, 1, 3, 3};
    Conv c{p, cv::Mat(4, sizes, CV_32F), cv::Mat(1, channels, CV_32F), 3, stride, channels, true};
    for (int ch = 0; ch < channels; ++ch) {
        const float scale =
            gamma.values[size_t(ch)] / std::sqrt(var.values[size_t(ch)] + kBatchNormEpsilon);
        float *dst = c.filters.ptr<float>() + ch * 9;
        for (int k = 0; k < 9; ++k)
            dst[k] = w.values[size_t(k * channels + ch)] * scale;
        c.bias.at<float>(ch) = beta.values[size_t(ch)] - mean.values[size_t(ch)] * scale;
    }
    return c;
}

Conv predictor(const TensorMap &map, const std::string &prefix, int inChannels, int outChannels)
{
    const TfjsTensor &w = tensor(map, prefix + "/weights", {1, 1, inChannels, outChannels});
    const TfjsTensor &b = tensor(map, prefix + "/biases", {outChannels});
    return Conv{prefix, oihwFromHwio(w), row(b.values), 1, 1, 1, false};
}

float iou(const cv::Rect2f &a, const cv::Rect2f &b)
{
    const float inter = (a & b).area();
    const float uni = a.area() + b.area() - inter;
    return uni > 0 ? inter / uni : 0.0f;
}

} // namespace

struct SsdDetector::Weights
{
    std::vector<Conv> backbone;     // conv_0, then 13 depthwise/pointwise pairs
    std::vector<Conv> extra;        // the eight convolutions after the backbone
    std::vector<Conv> boxes;        // six box-encoding predictors
    std::vector<Conv> classes;      // six class predictors
    std::vector<cv::Vec4f> anchors; // ymin, xmin, ymax, xmax in the unit square
};

struct SsdDetector::Net
{
    cv::dnn::Net net;
    std::vector<cv::String> outputs; // box predictors 0..5, then class predictors 0..5
    std::vector<int> anchorsPerCell;
};

namespace {

int addConv(cv::dnn::Net &net, const Conv &c, int input)
{
    cv::dnn::LayerParams lp;
    lp.name = c.name;
    lp.type = "Convolution";
    lp.set("kernel_h", c.kernel);
    lp.set("kernel_w", c.kernel);
    lp.set("stride_h", c.stride);
    lp.set("stride_w", c.stride);
    // TensorFlow's SAME padding puts the odd pixel at the bottom and right.
    lp.set("pad_mode", "SAME");
    lp.set("num_output", c.filters.size[0]);
    lp.set("group", c.groups);
    lp.set("bias_term", true);
    lp.blobs = {c.filters, c.bias};
    int id = net.addLayer(c.name, lp.type, lp);
    net.connect(input, 0, id, 0);
    if (c.relu6) {
        cv::dnn::LayerParams relu;
        relu.name = c.name + "/relu6";
        relu.type = "ReLU6";
        relu.set("min_value", 0.0f);
        relu.set("max_value", 6.0f);
        const int rid = net.addLayer(relu.name, relu.type, relu);
        net.connect(id, 0, rid, 0);
        id = rid;
    }
    return id;
}

} // namespace

SsdDetector::SsdDetector(const std::vector<TfjsTensor> &tensors)
{
    TensorMap map;
    for (const TfjsTensor &t : tensors)
        map.emplace(t.name, &t);
    auto w = std::make_shared<Weights>();

    w->backbone.push_back(pointwise(map, "MobilenetV1/Conv2d_0_pointwise", 2));
    if (w->backbone[0].kernel != 3 || w->backbone[0].filters.size[1] != 3)
        fail(QStringLiteral("the first convolution is not 3×3 over RGB"));
    int channels = w->backbone[0].filters.size[0];
    for (int i = 1; i <= 13; ++i) {
        const bool down = i == 2 || i == 4 || i == 6 || i == 12;
        w->backbone.push_back(depthwise(map, i, channels, down ? 2 : 1));
        Conv pw = pointwise(map, "MobilenetV1/Conv2d_" + std::to_string(i) + "_pointwise", 1);
        if (pw.kernel != 1 || pw.filters.size[1] != channels)
            fail(QStringLiteral("pointwise convolution %1 does not follow its input").arg(i));
        channels = pw.filters.size[0];
        w->backbone.push_back(std::move(pw));
    }
    int previous = channels;
    for (int i = 0; i < 8; ++i) {
        Conv c =
            pointwise(map, "Prediction/Conv2d_" + std::to_string(i) + "_pointwise", i % 2 ? 2 : 1);
        if (c.filters.size[1] != previous)
            fail(QStringLiteral("prediction convolution %1 does not follow its input").arg(i));
        previous = c.filters.size[0];
        w->extra.push_back(std::move(c));
    }
    // Predictor 0 reads conv 11 of the backbone, 1 the backbone's output and
    // 2..5 the odd extra convolutions.
    const int inputs[] = {w->backbone[22].filters.size[0], channels,
                          w->extra[1].filters.size[0],     w->extra[3].filters.size[0],
                          w->extra[5].filters.size[0],     w->extra[7].filters.size[0]};
    for (int i = 0; i < 6; ++i) {
        const std::string p = "Prediction/BoxPredictor_" + std::to_string(i);
        const int anchors = i == 0 ? 3 : 6;
        w->boxes.push_back(predictor(map, p + "/BoxEncodingPredictor", inputs[i], anchors * 4));
        w->classes.push_back(predictor(map, p + "/ClassPredictor", inputs[i], anchors * 3));
    }
    const TfjsTensor &anchors = tensor(map, "Output/extra_dim", {1, kAnchors, 4});
    for (int i = 0; i < kAnchors; ++i)
        w->anchors.emplace_back(anchors.values[size_t(4 * i)], anchors.values[size_t(4 * i + 1)],
                                anchors.values[size_t(4 * i + 2)],
                                anchors.values[size_t(4 * i + 3)]);
    m_weights = std::move(w);
    SsdDetector copy(*this);
    m_net = std::move(copy.m_net);
}

SsdDetector::SsdDetector(const SsdDetector &other)
    : m_weights(other.m_weights)
    , m_net(std::make_unique<Net>())
{
    if (!m_weights)
        return;
    const Weights &w = *m_weights;
    cv::dnn::Net &net = m_net->net;
    net.setInputsNames({"image"});
    int id = 0; // the network input
    int conv11 = -1;
    for (size_t i = 0; i < w.backbone.size(); ++i) {
        id = addConv(net, w.backbone[i], id);
        if (i == 22) // the pointwise half of pair 11
            conv11 = id;
    }
    const int features[] = {conv11, id, -1, -1, -1, -1};
    int extra[8];
    int prev = id;
    for (size_t i = 0; i < w.extra.size(); ++i)
        prev = extra[i] = addConv(net, w.extra[i], prev);
    const int sources[] = {features[0], features[1], extra[1], extra[3], extra[5], extra[7]};
    for (int i = 0; i < 6; ++i) {
        addConv(net, w.boxes[size_t(i)], sources[i]);
        m_net->outputs.push_back(w.boxes[size_t(i)].name);
        m_net->anchorsPerCell.push_back(w.boxes[size_t(i)].filters.size[0] / 4);
    }
    for (int i = 0; i < 6; ++i) {
        addConv(net, w.classes[size_t(i)], sources[i]);
        m_net->outputs.push_back(w.classes[size_t(i)].name);
    }
    net.setPreferableBackend(cv::dnn::DNN_BACKEND_OPENCV);
    net.setPreferableTarget(cv::dnn::DNN_TARGET_CPU);
}

SsdDetector::~SsdDetector() = default;

std::vector<SsdDetection> SsdDetector::detect(const QImage &image, float minScore, int maxResults)
{
    const QImage rgb = image.convertToFormat(QImage::Format_RGB888);
    return detect(rgb.constBits(), rgb.width(), rgb.height(), rgb.bytesPerLine(), false, minScore,
                  maxResults);
}

std::vector<SsdDetection> SsdDetector::detect(const unsigned char *pixels, int width, int height,
                                              qsizetype bytesPerLine, bool bgr, float minScore,
                                              int maxResults)
{
    if (!pixels || width <= 0 || height <= 0 || !m_weights)
        return {};
    const cv::Mat src(height, width, CV_8UC3, const_cast<unsigned char *>(pixels),
                      size_t(bytesPerLine));
    // Pad at the bottom or right to a square (the boxes then scale back by one
    // factor), then scale to the network's input.
    const int side = std::max(width, height);
    const double scale = double(kInputSize) / side;
    const int sw = std::clamp(int(std::lround(width * scale)), 1, kInputSize);
    const int sh = std::clamp(int(std::lround(height * scale)), 1, kInputSize);
    cv::Mat square(kInputSize, kInputSize, CV_8UC3, cv::Scalar::all(0));
    cv::resize(src, square(cv::Rect(0, 0, sw, sh)), cv::Size(sw, sh), 0, 0,
               scale < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
    const cv::Mat blob = cv::dnn::blobFromImage(square, 1.0 / 127.5, cv::Size(),
                                                cv::Scalar(127.5, 127.5, 127.5), bgr, false);
    m_net->net.setInput(blob);
    std::vector<cv::Mat> outs;
    m_net->net.forward(outs, m_net->outputs);

    // Scores and decoded boxes of every anchor above the threshold, in the
    // anchors' order: predictor by predictor, row by row, cell by cell.
    struct Candidate
    {
        float score;
        cv::Rect2f box; // in the unit square
    };
    std::vector<Candidate> candidates;
    const std::vector<cv::Vec4f> &anchors = m_weights->anchors;
    size_t index = 0;
    for (int p = 0; p < 6; ++p) {
        const cv::Mat &box = outs[size_t(p)];
        const cv::Mat &cls = outs[size_t(p + 6)];
        const int per = m_net->anchorsPerCell[size_t(p)];
        const int rows = box.size[2], cols = box.size[3];
        const size_t plane = size_t(rows) * size_t(cols);
        const float *b = box.ptr<float>();
        const float *c = cls.ptr<float>();
        for (int y = 0; y < rows; ++y)
            for (int x = 0; x < cols; ++x)
                for (int a = 0; a < per; ++a, ++index) {
                    if (index >= anchors.size())
                        return {};
                    const size_t cell = size_t(y) * size_t(cols) + size_t(x);
                    // Channel 1 of each anchor's three is the face class.
                    const float logit = c[size_t(a * 3 + 1) * plane + cell];
                    const float score = 1.0f / (1.0f + std::exp(-logit));
                    if (!(score > minScore))
                        continue;
                    const cv::Vec4f &an = anchors[index];
                    const float ah = an[2] - an[0], aw = an[3] - an[1];
                    const float acy = an[0] + ah / 2, acx = an[1] + aw / 2;
                    const float *t = b + size_t(a * 4) * plane + cell;
                    const float cy = t[0] / kCentreScale * ah + acy;
                    const float cx = t[plane] / kCentreScale * aw + acx;
                    const float h = std::exp(t[2 * plane] / kSizeScale) * ah;
                    const float w = std::exp(t[3 * plane] / kSizeScale) * aw;
                    candidates.push_back({score, cv::Rect2f(cx - w / 2, cy - h / 2, w, h)});
                }
    }
    if (index != anchors.size())
        return {};

    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Candidate &a, const Candidate &b) { return a.score > b.score; });
    std::vector<Candidate> kept;
    for (const Candidate &c : candidates) {
        if (int(kept.size()) >= maxResults)
            break;
        const bool overlaps = std::any_of(kept.begin(), kept.end(), [&c](const Candidate &k) {
            return iou(c.box, k.box) > kIouThreshold;
        });
        if (!overlaps)
            kept.push_back(c);
    }

    std::vector<SsdDetection> result;
    const QRectF bounds(0, 0, width, height);
    for (const Candidate &k : kept) {
        const QRectF r(double(k.box.x) * side, double(k.box.y) * side, double(k.box.width) * side,
                       double(k.box.height) * side);
        const QRectF clipped = r.intersected(bounds);
        if (clipped.isEmpty())
            continue;
        result.push_back({clipped, k.score});
    }
    return result;
}

} // namespace facefolio
