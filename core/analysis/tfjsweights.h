#pragma once

#include <QByteArray>
#include <QString>
#include <string>
#include <vector>

namespace facefolio {

/// One tensor of a TensorFlow.js weights manifest, dequantised to float.
struct TfjsTensor
{
    std::string name;
    std::vector<int> shape;
    std::vector<float> values;
};

/// Reads TensorFlow.js weights: a JSON manifest listing tensors (name, shape,
/// dtype, optional uint8 quantisation) whose bytes are concatenated in one
/// binary file in manifest order. float32 and int32 tensors (raw or uint8
/// quantised) are read; int32 values come out as floats. Every inconsistency (bad JSON, unknown
/// dtype, sizes that do not add up, non-finite values) throws ModelError.
class TfjsWeights final
{
public:
    /// Loads both files and, when digests are given, checks their SHA-256
    /// first so that a truncated or altered download is refused.
    static std::vector<TfjsTensor> load(const QString &manifestPath, const QString &binPath,
                                        const QByteArray &manifestSha256 = {},
                                        const QByteArray &binSha256 = {});
    /// Parses in-memory data; never reads past either buffer.
    static std::vector<TfjsTensor> parse(const QByteArray &manifest, const QByteArray &bin);
};

} // namespace facefolio
