#include "analysis/faceencoder_p.h"
#include "analysis/modelerror.h"
#include "analysis/modellocator.h"

#include <QString>
#include <dlib/dnn.h>

namespace facefolio::detail {

namespace {

// The network of dlib's dnn_face_recognition_ex.cpp, spelled out layer by
// layer: 29 convolutions in residual blocks, 150×150 RGB in, 128 floats out.
template <template <int, template <typename> class, int, typename> class Block, int N,
          template <typename> class BN, typename SUBNET>
using residual = dlib::add_prev1<Block<N, BN, 1, dlib::tag1<SUBNET>>>;

template <template <int, template <typename> class, int, typename> class Block, int N,
          template <typename> class BN, typename SUBNET>
using residual_down = dlib::add_prev2<
    dlib::avg_pool<2, 2, 2, 2, dlib::skip1<dlib::tag2<Block<N, BN, 2, dlib::tag1<SUBNET>>>>>>;

template <int N, template <typename> class BN, int stride, typename SUBNET>
using block =
    BN<dlib::con<N, 3, 3, 1, 1, dlib::relu<BN<dlib::con<N, 3, 3, stride, stride, SUBNET>>>>>;

template <int N, typename SUBNET> using ares = dlib::relu<residual<block, N, dlib::affine, SUBNET>>;
template <int N, typename SUBNET>
using ares_down = dlib::relu<residual_down<block, N, dlib::affine, SUBNET>>;

template <typename SUBNET> using alevel0 = ares_down<256, SUBNET>;
template <typename SUBNET> using alevel1 = ares<256, ares<256, ares_down<256, SUBNET>>>;
template <typename SUBNET> using alevel2 = ares<128, ares<128, ares_down<128, SUBNET>>>;
template <typename SUBNET> using alevel3 = ares<64, ares<64, ares<64, ares_down<64, SUBNET>>>>;
template <typename SUBNET> using alevel4 = ares<32, ares<32, ares<32, SUBNET>>>;

using anet_type = dlib::loss_metric<dlib::fc_no_bias<
    128, dlib::avg_pool_everything<alevel0<alevel1<alevel2<alevel3<alevel4<dlib::max_pool<
             3, 3, 2, 2,
             dlib::relu<dlib::affine<
                 dlib::con<32, 7, 7, 2, 2, dlib::input_rgb_image_sized<150>>>>>>>>>>>>>;

[[noreturn]] void fail(const std::string &what)
{
    throw ModelError("encoder weights do not fit the network (" + what + "); run `" +
                     ModelLocator::setupCommand().toStdString() + "` to reinstall the models");
}

// One parameter slot of the network, in input-to-output order.
struct Slot
{
    enum Kind
    {
        Conv,
        Affine,
        Fc
    } kind;
    dlib::tensor *params = nullptr;
    dlib::affine_ *affine = nullptr; // affine layers hide their parameters from get_layer_params()
    long filters = 0, rows = 0, cols = 0;
};

struct Collector
{
    std::vector<Slot> *layerSlots;

    template <long F, long R, long C, int SY, int SX, int PY, int PX>
    void operator()(dlib::con_<F, R, C, SY, SX, PY, PX> &l) const
    {
        layerSlots->push_back({Slot::Conv, &l.get_layer_params(), nullptr, F, R, C});
    }
    void operator()(dlib::affine_ &l) const { layerSlots->push_back({Slot::Affine, nullptr, &l}); }
    template <unsigned long N, dlib::fc_bias_mode M> void operator()(dlib::fc_<N, M> &l) const
    {
        layerSlots->push_back({Slot::Fc, &l.get_layer_params()});
    }
    template <typename T> void operator()(T &) const {}
};

bool endsWith(const std::string &s, const char *suffix)
{
    const size_t n = std::strlen(suffix);
    return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
}

const TfjsTensor &take(const std::vector<TfjsTensor> &tensors, size_t &next, const char *suffix,
                       size_t expected)
{
    if (next >= tensors.size())
        fail("too few tensors");
    const TfjsTensor &t = tensors[next++];
    if (!endsWith(t.name, suffix))
        fail("expected a tensor ending in " + std::string(suffix) + ", found " + t.name);
    if (t.values.size() != expected)
        fail(t.name + " has " + std::to_string(t.values.size()) + " values, expected " +
             std::to_string(expected));
    return t;
}

void loadConv(const Slot &s, const std::vector<TfjsTensor> &tensors, size_t &next)
{
    float *p = s.params->host();
    const long area = s.rows * s.cols;
    const long in = (long(s.params->size()) - s.filters) / (s.filters * area);
    const TfjsTensor &w = take(tensors, next, "conv/filters", size_t(s.filters * in * area));
    // TensorFlow stores [h][w][in][out]; dlib wants [out][in][h][w].
    for (long o = 0; o < s.filters; ++o)
        for (long i = 0; i < in; ++i)
            for (long y = 0; y < s.rows; ++y)
                for (long x = 0; x < s.cols; ++x)
                    p[((o * in + i) * s.rows + y) * s.cols + x] =
                        w.values[size_t(((y * s.cols + x) * in + i) * s.filters + o)];
    const TfjsTensor &b = take(tensors, next, "conv/bias", size_t(s.filters));
    std::copy(b.values.begin(), b.values.end(), p + s.filters * in * area);
}

void loadAffine(const Slot &s, const std::vector<TfjsTensor> &tensors, size_t &next)
{
    auto gamma = s.affine->get_gamma();
    auto beta = s.affine->get_beta();
    const TfjsTensor &g = take(tensors, next, "scale/weights", gamma.size());
    const TfjsTensor &b = take(tensors, next, "scale/biases", beta.size());
    std::copy(g.values.begin(), g.values.end(), gamma.host());
    std::copy(b.values.begin(), b.values.end(), beta.host());
}

} // namespace

struct FaceEncoder::Net
{
    anet_type net;
};

FaceEncoder::FaceEncoder(const std::vector<TfjsTensor> &tensors)
    : m_net(std::make_unique<Net>())
{
    anet_type &net = m_net->net;
    // dlib's affine layers default to fully-connected mode; the network uses
    // them per channel. Set the mode before the first forward pass, which
    // sizes (and resets) every layer's parameters.
    dlib::visit_computational_layers(net, [](auto &l) {
        if constexpr (std::is_same_v<std::decay_t<decltype(l)>, dlib::affine_>)
            l = dlib::affine_(dlib::CONV_MODE);
    });
    Chip warmup(150, 150);
    warmup = dlib::rgb_pixel(0, 0, 0);
    net(warmup);

    std::vector<Slot> layerSlots;
    dlib::visit_computational_layers(net, Collector{&layerSlots});
    std::reverse(layerSlots.begin(), layerSlots.end()); // the visitor goes output to input
    size_t next = 0;
    for (const Slot &s : layerSlots) {
        switch (s.kind) {
        case Slot::Conv:
            loadConv(s, tensors, next);
            break;
        case Slot::Affine:
            loadAffine(s, tensors, next);
            break;
        case Slot::Fc: {
            const TfjsTensor &fc = take(tensors, next, "fc", s.params->size());
            std::copy(fc.values.begin(), fc.values.end(), s.params->host());
            break;
        }
        }
    }
    if (next != tensors.size())
        fail(std::to_string(tensors.size() - next) + " tensors left over");
}

FaceEncoder::FaceEncoder(const FaceEncoder &other)
    : m_net(std::make_unique<Net>(*other.m_net))
{}

FaceEncoder::~FaceEncoder() = default;

std::vector<Embedding> FaceEncoder::encode(const std::vector<Chip> &chips)
{
    std::vector<Embedding> out;
    out.reserve(chips.size());
    if (chips.empty())
        return out;
    const std::vector<dlib::matrix<float, 0, 1>> descriptors = m_net->net(chips, 16);
    for (const auto &d : descriptors) {
        Embedding e{};
        for (long i = 0; i < d.size() && i < long(e.size()); ++i)
            e[size_t(i)] = d(i);
        out.push_back(e);
    }
    return out;
}

} // namespace facefolio::detail
