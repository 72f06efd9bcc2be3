#pragma once

#include <QByteArray>
#include <QString>
#include <array>
#include <cmath>
#include <cstring>

namespace facefolio {

/// The face-recognition network that made an embedding. Distances between
/// embeddings of two models mean nothing: the catalog records the model of
/// every face and nothing ever compares across models.
enum class EncoderModel
{
    Dlib = 0,    ///< dlib's ResNet: 128 floats, same person usually closer than 0.6
    ArcFace = 1, ///< the ArcFace-class ONNX network: 512 floats, L2-normalised
};

/// How many of an Embedding's floats a model fills; the rest stay 0, so
/// distances and dot products over the whole array are the model's own.
constexpr int embeddingDims(EncoderModel model)
{
    return model == EncoderModel::ArcFace ? 512 : 128;
}

/// A face signature, large enough for every model (embeddingDims()).
using Embedding = std::array<float, 512>;

/// "dlib" or "arcface": the words of the CLI, the settings and the catalog.
inline QString encoderName(EncoderModel model)
{
    return model == EncoderModel::ArcFace ? QStringLiteral("arcface") : QStringLiteral("dlib");
}

/// Parses encoderName()'s words; false for anything else.
inline bool parseEncoder(const QString &name, EncoderModel *model)
{
    for (EncoderModel m : {EncoderModel::Dlib, EncoderModel::ArcFace})
        if (name == encoderName(m)) {
            *model = m;
            return true;
        }
    return false;
}

/// The model's floats as stored in the catalog (little-endian float32).
inline QByteArray embeddingToBlob(const Embedding &e, EncoderModel model)
{
    return QByteArray(reinterpret_cast<const char *>(e.data()),
                      qsizetype(embeddingDims(model) * sizeof(float)));
}

/// Reads a stored embedding of `model`; false when the blob is not of its
/// size (a damaged row, or another model's).
inline bool embeddingFromBlob(const QByteArray &blob, EncoderModel model, Embedding *e)
{
    const qsizetype bytes = qsizetype(embeddingDims(model) * sizeof(float));
    if (blob.size() != bytes)
        return false;
    e->fill(0);
    std::memcpy(e->data(), blob.constData(), size_t(bytes));
    return true;
}

inline float embeddingDistance(const Embedding &a, const Embedding &b)
{
    float sum = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        const float d = a[i] - b[i];
        sum += d * d;
    }
    return std::sqrt(sum);
}

inline float embeddingNorm(const Embedding &a)
{
    float sum = 0;
    for (float v : a)
        sum += v * v;
    return std::sqrt(sum);
}

} // namespace facefolio
