#pragma once

// Helpers shared by the test suites: where the models, sample photos and LFW
// data live, and fixtures the tests build themselves (EXIF JPEGs, PNG headers).

#include "analysis/facemodels.h"
#include "analysis/modelerror.h"
#include "analysis/modellocator.h"

#include <QBuffer>
#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QImage>
#include <QStandardPaths>
#include <QString>
#include <QStringList>
#include <QTransform>
#include <memory>

namespace facefolio::test {

inline QString setupHint()
{
    return QStringLiteral("run `bash packaging/setup.sh` from the source tree to install them");
}

/// The face-api sample photos: $FACEFOLIO_SAMPLES, else the first XDG data
/// dir holding facefolio/samples. Empty when neither holds sample1.jpg.
inline QString samplesDir()
{
    QStringList candidates;
    const QString env = qEnvironmentVariable("FACEFOLIO_SAMPLES");
    if (!env.isEmpty())
        candidates << env;
    const QString located = QStandardPaths::locate(QStandardPaths::GenericDataLocation,
                                                   QStringLiteral("facefolio/samples"),
                                                   QStandardPaths::LocateDirectory);
    if (!located.isEmpty())
        candidates << located;
    for (const QString &dir : std::as_const(candidates))
        if (QFileInfo::exists(dir + QStringLiteral("/sample1.jpg")))
            return QDir(dir).absolutePath();
    return {};
}

inline QString missingSamplesMessage()
{
    return QStringLiteral("the sample photos (sample1.jpg ... sample6.jpg) were not found in "
                          "$FACEFOLIO_SAMPLES nor in <XDG data dir>/facefolio/samples; ") +
           setupHint();
}

/// The six sample photos shipped by @vladmandic/face-api, by file name.
inline QStringList samplePhotoNames()
{
    QStringList names;
    for (int i = 1; i <= 6; ++i)
        names << QStringLiteral("sample%1.jpg").arg(i);
    return names;
}

/// The faces the default detector (HOG and SSD together, issue 8) finds in
/// each sample photo: every face in it, counted by eye. HOG alone finds only
/// the clearly frontal ones (see tst_faceanalyzer.cpp and hogFrontalFaces()).
inline int frontalFaces(const QString &sampleName)
{
    static const QHash<QString, int> counts{
        {QStringLiteral("sample1.jpg"), 3}, {QStringLiteral("sample2.jpg"), 3},
        {QStringLiteral("sample3.jpg"), 3}, {QStringLiteral("sample4.jpg"), 4},
        {QStringLiteral("sample5.jpg"), 5}, {QStringLiteral("sample6.jpg"), 4}};
    return counts.value(sampleName, -1);
}

/// The clearly frontal faces in each sample photo, the ones dlib's HOG
/// detector alone finds (see tst_faceanalyzer.cpp for who is and is not counted).
inline int hogFrontalFaces(const QString &sampleName)
{
    static const QHash<QString, int> counts{
        {QStringLiteral("sample1.jpg"), 3}, {QStringLiteral("sample2.jpg"), 1},
        {QStringLiteral("sample3.jpg"), 3}, {QStringLiteral("sample4.jpg"), 3},
        {QStringLiteral("sample5.jpg"), 5}, {QStringLiteral("sample6.jpg"), 4}};
    return counts.value(sampleName, -1);
}

/// Loads the real models; on failure returns null and says why (naming setup.sh).
inline std::shared_ptr<const FaceModels> loadModels(QString *why)
{
    try {
        return FaceModels::load();
    } catch (const ModelError &e) {
        // The message already names the set-up command.
        *why = QStringLiteral("the face models are required: %1").arg(QString::fromUtf8(e.what()));
    }
    return {};
}

/// For the tests that run the pipeline in process: loads the models and finds
/// the sample photos. Empty when both are there, else why not.
inline QString loadModelsAndSamples(std::shared_ptr<const FaceModels> &models, QString &samples)
{
    QString why;
    models = loadModels(&why);
    if (!models)
        return why;
    samples = samplesDir();
    return samples.isEmpty() ? missingSamplesMessage() : QString();
}

/// For the tests that run the CLI: the sample photos and the encoder weights
/// it needs. Empty when both are there, else why not.
inline QString missingForCli()
{
    if (samplesDir().isEmpty())
        return missingSamplesMessage();
    if (!QFileInfo::exists(ModelLocator::encoderWeightsPath()))
        return QStringLiteral("the encoder weights are missing from %1; %2")
            .arg(ModelLocator::modelsDir(), setupHint());
    return {};
}

/// LFW subset beside the checkout (../shared/data/lfw-dev); empty when absent.
inline QString lfwDir()
{
    const QString dir = QStringLiteral(FACEFOLIO_SOURCE_DIR "/../shared/data/lfw-dev");
    return QFileInfo(dir).isDir() ? QDir::cleanPath(dir) : QString();
}

inline QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

inline bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

inline QByteArray encode(const QImage &image, const char *format, int quality = -1)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, format, quality);
    return bytes;
}

/// The stored pixels that, shown with EXIF orientation `orientation`, look
/// like `display`: the inverse of the transform a viewer applies.
inline QImage storedForOrientation(const QImage &display, int orientation)
{
    const QTransform transpose(0, 1, 1, 0, 0, 0);
    switch (orientation) {
    case 2: // viewer mirrors left-right
        return display.mirrored(true, false);
    case 3: // viewer turns 180°
        return display.transformed(QTransform().rotate(180));
    case 4: // viewer mirrors top-bottom
        return display.mirrored(false, true);
    case 5: // viewer transposes
        return display.transformed(transpose);
    case 6: // viewer turns 90° clockwise, so store it turned counter-clockwise
        return display.transformed(QTransform().rotate(-90));
    case 7: // viewer transposes across the other diagonal
        return display.transformed(transpose).transformed(QTransform().rotate(180));
    case 8: // viewer turns 90° counter-clockwise
        return display.transformed(QTransform().rotate(90));
    default:
        return display;
    }
}

/// An APP1 Exif segment (marker included) whose IFD0 holds only the
/// orientation tag; with a thumbnail, an IFD1 points at that embedded JPEG,
/// as cameras write it.
inline QByteArray exifSegment(int orientation, bool littleEndian = false,
                              const QByteArray &thumbnail = {})
{
    QByteArray tiff;
    auto u16 = [&](quint16 v) {
        if (littleEndian)
            tiff.append(char(v & 0xff)).append(char(v >> 8));
        else
            tiff.append(char(v >> 8)).append(char(v & 0xff));
    };
    auto u32 = [&](quint32 v) {
        if (littleEndian) {
            u16(quint16(v & 0xffff));
            u16(quint16(v >> 16));
        } else {
            u16(quint16(v >> 16));
            u16(quint16(v & 0xffff));
        }
    };
    auto entry = [&](quint16 tag, quint16 type, quint32 value) {
        u16(tag);
        u16(type);
        u32(1);
        if (type == 3) {
            u16(quint16(value));
            u16(0);
        } else {
            u32(value);
        }
    };
    const bool thumb = !thumbnail.isEmpty();
    tiff.append(littleEndian ? "II" : "MM");
    u16(42);
    u32(8); // IFD0 right after the header
    u16(1);
    entry(0x0112, 3, quint32(orientation));
    const quint32 ifd1 = 8 + 2 + 12 + 4;
    u32(thumb ? ifd1 : 0);
    if (thumb) {
        u16(2);
        entry(0x0201, 4, ifd1 + 2 + 2 * 12 + 4); // JPEGInterchangeFormat
        entry(0x0202, 4, quint32(thumbnail.size()));
        u32(0);
        tiff += thumbnail;
    }
    const QByteArray body = QByteArray("Exif\0\0", 6) + tiff;
    QByteArray segment("\xFF\xE1", 2);
    const int len = int(body.size()) + 2;
    segment.append(char(len >> 8)).append(char(len & 0xff));
    return segment + body;
}

/// Inserts an Exif orientation segment into a JPEG, after its JFIF APP0 when present.
inline QByteArray withExifOrientation(const QByteArray &jpeg, int orientation,
                                      bool littleEndian = false, const QByteArray &thumbnail = {})
{
    qsizetype at = 2;
    if (jpeg.size() > 6 && uchar(jpeg[2]) == 0xFF && uchar(jpeg[3]) == 0xE0)
        at = 4 + ((uchar(jpeg[4]) << 8) | uchar(jpeg[5]));
    QByteArray out = jpeg;
    out.insert(at, exifSegment(orientation, littleEndian, thumbnail));
    return out;
}

/// A JPEG that displays as `display` while its pixels are stored in EXIF orientation `o`.
inline QByteArray orientedJpeg(const QImage &display, int orientation, int quality = 95)
{
    return withExifOrientation(encode(storedForOrientation(display, orientation), "JPEG", quality),
                               orientation);
}

inline quint32 crc32(const QByteArray &data)
{
    quint32 crc = 0xffffffffu;
    for (char ch : data) {
        crc ^= uchar(ch);
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return crc ^ 0xffffffffu;
}

inline void appendBe32(QByteArray &out, quint32 v)
{
    out.append(char(v >> 24)).append(char(v >> 16)).append(char(v >> 8)).append(char(v));
}

/// A PNG signature, an IHDR chunk claiming `w`×`h` (8-bit RGB) with a valid
/// CRC, one tiny IDAT and IEND: a well-formed header over far too few pixels.
inline QByteArray pngClaiming(quint32 w, quint32 h)
{
    auto chunk = [](const QByteArray &type, const QByteArray &data) {
        QByteArray c;
        appendBe32(c, quint32(data.size()));
        c += type + data;
        appendBe32(c, crc32(type + data));
        return c;
    };
    QByteArray ihdr;
    appendBe32(ihdr, w);
    appendBe32(ihdr, h);
    ihdr.append(char(8)).append(char(2)).append(char(0)).append(char(0)).append(char(0));
    // A few bytes of "image data": far fewer than the header promises.
    const QByteArray idat = QByteArray::fromHex("789c636000000000010001");
    return QByteArray("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", ihdr) + chunk("IDAT", idat) +
           chunk("IEND", {});
}

} // namespace facefolio::test
