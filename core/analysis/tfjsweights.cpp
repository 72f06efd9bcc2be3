#include "analysis/tfjsweights.h"

#include "analysis/modelerror.h"
#include "analysis/modellocator.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cmath>
#include <cstring>

namespace facefolio {

namespace {

[[noreturn]] void fail(const QString &what)
{
    throw ModelError(QStringLiteral("%1; run `%2` to (re)install the models")
                         .arg(what, ModelLocator::setupCommand())
                         .toStdString());
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    if (!QFileInfo::exists(path))
        fail(QStringLiteral("model file %1 is missing").arg(path));
    if (!f.open(QIODevice::ReadOnly))
        fail(QStringLiteral("model file %1 cannot be read: %2").arg(path, f.errorString()));
    return f.readAll();
}

void checkDigest(const QByteArray &data, const QByteArray &expectedHex, const QString &path)
{
    if (expectedHex.isEmpty())
        return;
    const QByteArray got = QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
    if (got != expectedHex.toLower())
        fail(QStringLiteral("model file %1 is damaged or not the pinned version (SHA-256 %2)")
                 .arg(path, QString::fromLatin1(got)));
}

} // namespace

std::vector<TfjsTensor> TfjsWeights::load(const QString &manifestPath, const QString &binPath,
                                          const QByteArray &manifestSha256,
                                          const QByteArray &binSha256)
{
    const QByteArray manifest = readAll(manifestPath);
    const QByteArray bin = readAll(binPath);
    checkDigest(manifest, manifestSha256, manifestPath);
    checkDigest(bin, binSha256, binPath);
    return parse(manifest, bin);
}

std::vector<TfjsTensor> TfjsWeights::parse(const QByteArray &manifest, const QByteArray &bin)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(manifest, &err);
    if (err.error != QJsonParseError::NoError || !doc.isArray())
        fail(QStringLiteral("weights manifest is not a JSON list (%1)").arg(err.errorString()));

    std::vector<TfjsTensor> out;
    qsizetype offset = 0;
    for (const QJsonValue &group : doc.array()) {
        const QJsonArray weights = group.toObject().value(QLatin1String("weights")).toArray();
        for (const QJsonValue &wv : weights) {
            const QJsonObject w = wv.toObject();
            TfjsTensor t;
            t.name = w.value(QLatin1String("name")).toString().toStdString();
            if (t.name.empty())
                fail(QStringLiteral("weights manifest has a tensor without a name"));
            qint64 count = 1;
            if (!w.value(QLatin1String("shape")).isArray())
                fail(QStringLiteral("tensor %1 has no shape").arg(QString::fromStdString(t.name)));
            for (const QJsonValue &d : w.value(QLatin1String("shape")).toArray()) {
                const int dim = d.toInt(-1);
                if (dim <= 0 || count > (qint64(1) << 28) / dim)
                    fail(QStringLiteral("tensor %1 has a bad shape")
                             .arg(QString::fromStdString(t.name)));
                t.shape.push_back(dim);
                count *= dim;
            }
            const QString dtype = w.value(QLatin1String("dtype")).toString();
            // int32 tensors (shapes and axes the exported graph carried along)
            // come out as floats too: every value they hold is small.
            const bool isInt = dtype == QLatin1String("int32");
            if (dtype != QLatin1String("float32") && !isInt)
                fail(QStringLiteral("tensor %1 has unsupported dtype %2")
                         .arg(QString::fromStdString(t.name), dtype));
            const QJsonObject q = w.value(QLatin1String("quantization")).toObject();
            t.values.resize(size_t(count));
            if (!q.isEmpty()) {
                if (q.value(QLatin1String("dtype")).toString() != QLatin1String("uint8"))
                    fail(QStringLiteral("tensor %1 has unsupported quantisation")
                             .arg(QString::fromStdString(t.name)));
                const double scale = q.value(QLatin1String("scale")).toDouble(NAN);
                const double min = q.value(QLatin1String("min")).toDouble(NAN);
                if (!std::isfinite(scale) || !std::isfinite(min))
                    fail(QStringLiteral("tensor %1 has a bad quantisation")
                             .arg(QString::fromStdString(t.name)));
                if (bin.size() - offset < count)
                    fail(QStringLiteral("weights file is truncated"));
                const auto *bytes =
                    reinterpret_cast<const unsigned char *>(bin.constData()) + offset;
                for (qint64 i = 0; i < count; ++i) {
                    t.values[size_t(i)] = float(bytes[i] * scale + min);
                    if (!std::isfinite(t.values[size_t(i)]))
                        fail(QStringLiteral("tensor %1 holds non-finite values")
                                 .arg(QString::fromStdString(t.name)));
                }
                offset += count;
            } else {
                const qint64 bytes = count * qint64(sizeof(float));
                if (bin.size() - offset < bytes)
                    fail(QStringLiteral("weights file is truncated"));
                if (isInt) {
                    std::vector<qint32> ints(static_cast<size_t>(count));
                    std::memcpy(ints.data(), bin.constData() + offset, size_t(bytes));
                    std::transform(ints.begin(), ints.end(), t.values.begin(),
                                   [](qint32 v) { return float(v); });
                } else {
                    std::memcpy(t.values.data(), bin.constData() + offset, size_t(bytes));
                }
                offset += bytes;
                for (float v : t.values)
                    if (!std::isfinite(v))
                        fail(QStringLiteral("tensor %1 holds non-finite values")
                                 .arg(QString::fromStdString(t.name)));
            }
            out.push_back(std::move(t));
        }
    }
    if (out.empty())
        fail(QStringLiteral("weights manifest lists no tensors"));
    if (offset != bin.size())
        fail(QStringLiteral("weights file has %1 bytes but the manifest describes %2")
                 .arg(bin.size())
                 .arg(offset));
    return out;
}

} // namespace facefolio
