#include "analysis/faceanalyzer.h"

#include "analysis/facemodels_p.h"
#include "analysis/imagedecoder_p.h"
#include "analysis/modelerror.h"
#include "clustering/blasthreads.h"

#include <QElapsedTimer>
#include <QFile>
#include <dlib/image_processing.h>
#include <dlib/opencv/cv_image.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <optional>

namespace facefolio {

struct FaceAnalyzer::Private
{
    std::shared_ptr<const FaceModels> models;
    AnalyzerOptions opt;
    dlib::frontal_face_detector detector;
    // This worker's copies of the networks the options ask for.
    std::optional<detail::FaceEncoder> encoder;
    std::optional<detail::ArcFaceEncoder> arcFace;
    std::optional<SsdDetector> ssd;

    std::vector<Embedding> encode(const std::vector<detail::Chip> &chips,
                                  const std::vector<cv::Mat> &arcFaceCrops);
};

FaceAnalyzer::FaceAnalyzer(std::shared_ptr<const FaceModels> models, AnalyzerOptions options)
    : d(std::make_unique<Private>())
{
    const FaceModels::Data &data = models->data();
    if (options.encoder == EncoderModel::ArcFace) {
        if (!data.arcFace)
            throw ModelError(models->arcFaceError().toStdString());
        d->arcFace.emplace(*data.arcFace);
    } else {
        d->encoder.emplace(*data.encoder);
    }
    if (options.detector != FaceDetector::Hog && data.ssd)
        d->ssd.emplace(*data.ssd);
    d->detector = data.detector;
    d->models = std::move(models);
    d->opt = options;
}

std::vector<Embedding> FaceAnalyzer::Private::encode(const std::vector<detail::Chip> &chips,
                                                     const std::vector<cv::Mat> &arcFaceCrops)
{
    return arcFace ? arcFace->encode(arcFaceCrops) : encoder->encode(chips);
}

EncoderModel FaceAnalyzer::encoder() const
{
    return d->opt.encoder;
}

QString faceDetectorName(FaceDetector detector)
{
    switch (detector) {
    case FaceDetector::Hog:
        return QStringLiteral("hog");
    case FaceDetector::Ssd:
        return QStringLiteral("ssd");
    case FaceDetector::Both:
        break;
    }
    return QStringLiteral("both");
}

bool parseFaceDetector(const QString &name, FaceDetector *detector)
{
    for (FaceDetector d : {FaceDetector::Hog, FaceDetector::Ssd, FaceDetector::Both})
        if (name == faceDetectorName(d)) {
            *detector = d;
            return true;
        }
    return false;
}

FaceAnalyzer::~FaceAnalyzer() = default;

namespace {

// Seconds since the last lap, for AnalysisTimes.
class StageClock
{
public:
    StageClock() { m_timer.start(); }
    double lap()
    {
        const qint64 now = m_timer.nsecsElapsed();
        const double seconds = double(now - m_last) / 1e9;
        m_last = now;
        return seconds;
    }

private:
    QElapsedTimer m_timer;
    qint64 m_last = 0;
};

// HOG scores between this and the weak threshold only hint at a face; they
// decide whether a crop the detector misses is taken as one.
constexpr double kFaintThreshold = -1.5;
// Share of a chip's centre within a few grey levels of its median: at most
// 0.42 over the 3,319 LFW-dev faces, 0.81 for the samples' landmark diagram.
constexpr double kMaxFlatFraction = 0.6;

double flatFraction(const detail::Chip &chip)
{
    const long n0 = chip.nr() / 6, n1 = chip.nr() - n0, c0 = chip.nc() / 6, c1 = chip.nc() - c0;
    std::vector<int> grey;
    grey.reserve(size_t((n1 - n0) * (c1 - c0)));
    for (long r = n0; r < n1; ++r)
        for (long c = c0; c < c1; ++c) {
            const dlib::rgb_pixel &p = chip(r, c);
            grey.push_back((299 * p.red + 587 * p.green + 114 * p.blue) / 1000);
        }
    if (grey.empty())
        return 1.0;
    std::vector<int> sorted = grey;
    std::nth_element(sorted.begin(), sorted.begin() + long(sorted.size() / 2), sorted.end());
    const int median = sorted[sorted.size() / 2];
    const auto near = std::count_if(grey.begin(), grey.end(),
                                    [median](int g) { return std::abs(g - median) <= 6; });
    return double(near) / double(grey.size());
}

QByteArray chipToJpeg(const detail::Chip &chip)
{
    cv::Mat rgb(int(chip.nr()), int(chip.nc()), CV_8UC3,
                const_cast<dlib::rgb_pixel *>(&chip(0, 0)));
    cv::Mat bgr;
    cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
    std::vector<uchar> buf;
    cv::imencode(".jpg", bgr, buf, {cv::IMWRITE_JPEG_QUALITY, 90});
    return QByteArray(reinterpret_cast<const char *>(buf.data()), qsizetype(buf.size()));
}

// dlib's chip extraction builds an image pyramid of its whole input when it
// shrinks; handing it only the part the chip covers keeps that cheap.
void extractChip(const cv::Mat &bgr, dlib::chip_details details, detail::Chip &chip)
{
    const dlib::dpoint c = dlib::center(details.rect);
    const double half = 0.5 * std::hypot(details.rect.width(), details.rect.height()) + 2;
    const cv::Rect roi = cv::Rect(int(std::floor(c.x() - half)), int(std::floor(c.y() - half)),
                                  int(std::ceil(2 * half)), int(std::ceil(2 * half))) &
                         cv::Rect(0, 0, bgr.cols, bgr.rows);
    if (roi.area() <= 0) {
        dlib::extract_image_chip(dlib::cv_image<dlib::bgr_pixel>(bgr), details, chip);
        return;
    }
    details.rect = dlib::translate_rect(details.rect, dlib::dpoint(-roi.x, -roi.y));
    const cv::Mat part = bgr(roi);
    dlib::extract_image_chip(dlib::cv_image<dlib::bgr_pixel>(part), details, chip);
}

// The 68-point predictor was trained on HOG boxes; SSD boxes of the same face
// sit higher and are taller. This maps an SSD box onto the HOG box of the face
// (centre shift and size as fractions of the SSD box's width and height),
// fitted on LFW-dev faces that both detectors found (`bench_detectors fit`).
constexpr double kSsdShiftX = 0.05;
constexpr double kSsdShiftY = 0.06;
constexpr double kSsdScaleW = 1.04;
constexpr double kSsdScaleH = 0.87;

dlib::rectangle hogLikeBox(const QRectF &ssd)
{
    const double cx = ssd.center().x() + kSsdShiftX * ssd.width();
    const double cy = ssd.center().y() + kSsdShiftY * ssd.height();
    // HOG boxes are square: keep the area, lose the SSD box's taller shape.
    const double side = std::sqrt(kSsdScaleW * ssd.width() * kSsdScaleH * ssd.height());
    return dlib::rectangle(long(std::lround(cx - side / 2)), long(std::lround(cy - side / 2)),
                           long(std::lround(cx + side / 2)) - 1,
                           long(std::lround(cy + side / 2)) - 1);
}

double overlap(const dlib::rectangle &a, const dlib::rectangle &b)
{
    const double inter = double(a.intersect(b).area());
    const double uni = double(a.area() + b.area()) - inter;
    return uni > 0 ? inter / uni : 0.0;
}

// "both" keeps an SSD face only when no HOG face covers it: HOG's box suits
// the landmark predictor best.
constexpr double kSameFaceOverlap = 0.3;

QRect toOriginal(const dlib::rectangle &r, double scale, const QSize &full)
{
    const QRect box(int(std::lround(r.left() / scale)), int(std::lround(r.top() / scale)),
                    int(std::lround(r.width() / scale)), int(std::lround(r.height() / scale)));
    return box.intersected(QRect(QPoint(0, 0), full));
}

std::vector<dlib::rect_detection> detect(dlib::frontal_face_detector &detector, const cv::Mat &gray,
                                         double scale, double threshold)
{
    cv::Mat work = gray;
    if (std::abs(scale - 1.0) > 1e-3)
        cv::resize(gray, work,
                   cv::Size(std::max(1, int(std::lround(gray.cols * scale))),
                            std::max(1, int(std::lround(gray.rows * scale)))),
                   0, 0, scale < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
    std::vector<dlib::rect_detection> dets;
    detector(dlib::cv_image<unsigned char>(work), dets, threshold);
    return dets;
}

// The 68 landmarks in the pixels of the decoded photo, from a shape found
// in a copy of it moved by `offset`.
std::array<cv::Point2f, 68> decodedLandmarks(const dlib::full_object_detection &shape,
                                             const dlib::point &offset)
{
    std::array<cv::Point2f, 68> points{};
    for (unsigned long p = 0; p < shape.num_parts() && p < points.size(); ++p)
        points[p] = cv::Point2f(float(shape.part(p).x() - offset.x()),
                                float(shape.part(p).y() - offset.y()));
    return points;
}

} // namespace

PhotoAnalysis FaceAnalyzer::analyze(const QByteArray &fileData)
{
    PhotoAnalysis result;
    AnalysisTimes &times = result.times;
    StageClock clock;
    try {
        const AnalyzerOptions &opt = d->opt;
        const bool useHog = opt.detector != FaceDetector::Ssd;
        const bool useSsd = opt.detector != FaceDetector::Hog;
        if (useSsd && !d->ssd) {
            result.error = d->models->ssdError();
            return result;
        }
        detail::DecodedImage img;
        if (!detail::decodeImage(fileData, opt.naive ? 0 : opt.decodeLongSide, opt.maxPixels, img,
                                 result.error))
            return result;
        result.size = QSize(img.fullWidth, img.fullHeight);
        result.orientation = img.orientation;
        result.takenMs = img.takenMs;

        // HOG works on intensity; a grey copy also makes it three times cheaper.
        cv::Mat gray;
        cv::cvtColor(img.bgr, gray, cv::COLOR_BGR2GRAY);
        times.decode += clock.lap();
        const int longSide = std::max(gray.cols, gray.rows);
        const int fullLong = std::max(img.fullWidth, img.fullHeight);
        const bool small = fullLong <= opt.wholeImageMaxSide;
        // In small images a face may be a lone crop: also look at weaker
        // detections, and prefer one of those to taking the whole image.
        const double threshold = small && opt.wholeImageFallback ? -0.6 : 0.0;
        double s = std::min(2.0, double(opt.detectLongSide) / longSide);
        if (opt.naive)
            s = std::max(1.0, s);
        // Tiny images are nearly always one face filling the frame, so they
        // get the 2× pass only when the 1× pass finds no face.
        const bool tinyFirst = !opt.naive && s > 1.0 && fullLong <= opt.tinyImageSide;
        std::vector<dlib::rect_detection> dets;
        double used = tinyFirst ? 1.0 : s;
        const double minHog = std::max(opt.hogMinScore, 0.0);
        const auto confident = [minHog](const std::vector<dlib::rect_detection> &v) {
            return std::any_of(v.begin(), v.end(), [minHog](const auto &r) {
                return r.detection_confidence >= minHog;
            });
        };
        if (useHog) {
            dets = detect(d->detector, gray, used, std::min(threshold, opt.hogMinScore));
            if (tinyFirst && !confident(dets)) {
                used = s;
                dets = detect(d->detector, gray, used, std::min(threshold, opt.hogMinScore));
            }
            times.hog += clock.lap();
        }

        struct Candidate
        {
            dlib::rectangle rect; // in decoded pixels
            float score;
            bool whole;
        };
        std::vector<Candidate> found;
        const auto toDecoded = [used](const dlib::rectangle &r) {
            return dlib::rectangle(long(r.left() / used), long(r.top() / used),
                                   long(r.right() / used), long(r.bottom() / used));
        };
        for (const auto &det : dets)
            if (det.detection_confidence >= minHog)
                found.push_back({toDecoded(det.rect), float(det.detection_confidence), false});
        // The SSD network costs the same for every image (it always sees
        // 512×512), which for tiny images is ten times HOG's cost. Such images
        // are nearly always one face filling the frame, so with both
        // detectors a tiny image where HOG found a face skips SSD: on LFW-dev
        // (250×250) SSD adds no face that HOG misses there.
        const bool tinyWithFace =
            opt.detector == FaceDetector::Both && fullLong <= opt.tinyImageSide && !found.empty();
        if (useSsd && !tinyWithFace) {
            const size_t hogFaces = found.size();
            for (const SsdDetection &det :
                 d->ssd->detect(img.bgr.data, img.bgr.cols, img.bgr.rows, qsizetype(img.bgr.step),
                                true, opt.ssdMinScore)) {
                const dlib::rectangle r = hogLikeBox(det.box);
                const bool known = std::any_of(
                    found.begin(), found.begin() + long(hogFaces),
                    [&r](const Candidate &c) { return overlap(c.rect, r) > kSameFaceOverlap; });
                if (!known)
                    found.push_back({r, det.score, false});
            }
            times.ssd += clock.lap();
        }
        // Faces too small to be worth sorting (and the detectors' least sure
        // finds) are dropped before any landmark or encoding work.
        std::erase_if(found, [&](const Candidate &c) {
            return std::min(c.rect.width(), c.rect.height()) < opt.minFaceSize * img.scale;
        });
        const double aspect = double(img.fullWidth) / img.fullHeight;
        const bool cropLike = small && opt.wholeImageFallback && aspect > 0.5 && aspect < 2.0 &&
                              std::min(img.fullWidth, img.fullHeight) >= 32;
        // Landmarks and chips are taken from `colour`, which is the decoded
        // photo moved by `offset` (the crop retry below pads it).
        cv::Mat colour = img.bgr;
        dlib::point offset(0, 0);
        if (found.empty() && cropLike) {
            // dlib lists detections strongest first.
            const int minSide = std::min(img.bgr.cols, img.bgr.rows);
            for (const auto &det : dets) {
                const dlib::rectangle r = toDecoded(det.rect);
                if (long(r.width()) >= minSide / 4) {
                    found.push_back({r, float(det.detection_confidence), false});
                    break;
                }
            }
        }
        cv::Mat padded;
        int pad = 0;
        std::optional<Candidate> faint; // the best sub-threshold hint of a face
        if (found.empty() && cropLike) {
            // HOG's window wants a margin around the face that a tight crop
            // does not have: give it one by stretching the border outwards and
            // look again. A face found this way has a real box and landmarks.
            const int minSide = std::min(img.bgr.cols, img.bgr.rows);
            pad = int(std::lround(0.35 * std::max(img.bgr.cols, img.bgr.rows)));
            cv::Mat paddedGray;
            cv::copyMakeBorder(img.bgr, padded, pad, pad, pad, pad, cv::BORDER_REPLICATE);
            cv::cvtColor(padded, paddedGray, cv::COLOR_BGR2GRAY);
            const double ps =
                std::min(2.0, double(opt.detectLongSide) / std::max(padded.cols, padded.rows));
            const dlib::rectangle inner(pad, pad, pad + img.bgr.cols - 1, pad + img.bgr.rows - 1);
            for (const auto &det : detect(d->detector, paddedGray, ps, kFaintThreshold)) {
                const dlib::rectangle r(long(det.rect.left() / ps), long(det.rect.top() / ps),
                                        long(det.rect.right() / ps), long(det.rect.bottom() / ps));
                if (!inner.contains(dlib::center(r)) || long(r.width()) < minSide / 3)
                    continue;
                if (det.detection_confidence >= threshold)
                    found.push_back({r, float(det.detection_confidence), false});
                else
                    faint = Candidate{r, float(det.detection_confidence), true};
                break; // dlib lists detections strongest first
            }
            // Turned and bowed faces give HOG no hint at all: the SSD
            // network, shown the same margin, may still see them.
            if (found.empty() && useSsd)
                for (const SsdDetection &det :
                     d->ssd->detect(padded.data, padded.cols, padded.rows, qsizetype(padded.step),
                                    true, opt.ssdMinScore)) {
                    const dlib::rectangle r = hogLikeBox(det.box);
                    if (!inner.contains(dlib::center(r)) || long(r.width()) < minSide / 3)
                        continue;
                    found.push_back({r, det.score, false});
                    break; // strongest first
                }
            if (!found.empty()) {
                colour = padded;
                offset = dlib::point(pad, pad);
            }
            // Both detectors' second look at a crop counts as HOG's.
            times.hog += clock.lap();
        }
        if (found.empty() && faint) {
            // Nothing clears the weak threshold, but something face-like is
            // there: take the crop as one face, with the faint detection's
            // box. Crops the detector misses are mostly cut tighter than its
            // box, so the image itself (minus a margin) is a poor box: on
            // tight crops of the sample photos 18 of 19 faint-box faces match
            // their face, 10 of 19 with the image as the box.
            found.push_back({faint->rect, 0.0f, true});
            colour = padded;
            offset = dlib::point(pad, pad);
        }
        if (found.empty()) {
            result.ok = true;
            return result;
        }

        const dlib::cv_image<dlib::bgr_pixel> color(colour);
        std::vector<detail::Chip> chips;
        std::vector<cv::Mat> arcFaceCrops;
        chips.reserve(found.size());
        for (size_t i = 0; i < found.size(); ++i) {
            const dlib::full_object_detection shape =
                d->models->data().landmarks(color, found[i].rect);
            detail::Chip chip;
            extractChip(colour, dlib::get_face_chip_details(shape, 150, 0.25), chip);
            // A weak or faint detection whose aligned chip is mostly one flat
            // tone is a drawing or a blank, not a face.
            if ((found[i].whole || found[i].score < 0) && flatFraction(chip) > kMaxFlatFraction)
                continue;
            if (d->arcFace) {
                // Always from the decoded photo itself, never the padded
                // copy, so that encodeFaces() can make the same crop again
                // (the alignment repeats the photo's edge as the copy does).
                cv::Mat crop = detail::alignArcFace(
                    img.bgr, detail::arcFacePoints(decodedLandmarks(shape, offset)));
                if (crop.empty())
                    continue; // landmarks all in one spot: no face to encode
                arcFaceCrops.push_back(std::move(crop));
            }
            chips.push_back(std::move(chip));
            const detail::Chip &chipRef = chips.back();
            DetectedFace face;
            face.box =
                toOriginal(dlib::translate_rect(found[i].rect, -offset), img.scale, result.size);
            face.score = found[i].score;
            face.wholeImage = found[i].whole;
            face.encoder = opt.encoder;
            for (unsigned long p = 0; p < shape.num_parts() && p < face.landmarks.size(); ++p)
                face.landmarks[p] = QPointF((shape.part(p).x() - offset.x()) / img.scale,
                                            (shape.part(p).y() - offset.y()) / img.scale);
            face.chipJpeg = chipToJpeg(chipRef);
            result.faces.push_back(std::move(face));
        }
        times.landmarks += clock.lap();
        const std::vector<Embedding> embeddings = d->encode(chips, arcFaceCrops);
        for (size_t i = 0; i < embeddings.size(); ++i)
            result.faces[i].embedding = embeddings[i];
        times.encode += clock.lap();
        result.ok = true;
    } catch (const std::bad_alloc &) {
        const AnalysisTimes spent = result.times;
        result = PhotoAnalysis{};
        result.times = spent;
        result.error = QStringLiteral("out of memory while analysing");
    } catch (const std::exception &e) {
        const AnalysisTimes spent = result.times;
        result = PhotoAnalysis{};
        result.times = spent;
        result.error = QStringLiteral("analysis failed: %1")
                           .arg(QString::fromUtf8(e.what()).simplified().left(200));
    }
    return result;
}

PhotoAnalysis FaceAnalyzer::analyzeFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        PhotoAnalysis r;
        r.error = QStringLiteral("cannot open: %1").arg(f.errorString());
        return r;
    }
    return analyze(f.readAll());
}

std::optional<std::vector<Embedding>>
FaceAnalyzer::encodeFaces(const QByteArray &fileData,
                          const std::vector<std::array<QPointF, 68>> &landmarks, QString *error)
{
    QString why;
    try {
        if (landmarks.empty())
            return std::vector<Embedding>{};
        const AnalyzerOptions &opt = d->opt;
        detail::DecodedImage img;
        if (!detail::decodeImage(fileData, opt.naive ? 0 : opt.decodeLongSide, opt.maxPixels, img,
                                 why)) {
            if (error)
                *error = why;
            return std::nullopt;
        }
        std::vector<detail::Chip> chips;
        std::vector<cv::Mat> arcFaceCrops;
        for (size_t i = 0; i < landmarks.size(); ++i) {
            std::array<cv::Point2f, 68> points{};
            for (size_t p = 0; p < points.size(); ++p)
                points[p] = cv::Point2f(float(landmarks[i][p].x() * img.scale),
                                        float(landmarks[i][p].y() * img.scale));
            if (d->arcFace) {
                cv::Mat crop = detail::alignArcFace(img.bgr, detail::arcFacePoints(points));
                if (crop.empty()) {
                    why = QStringLiteral("face %1: its landmarks do not outline a face").arg(i + 1);
                    break;
                }
                arcFaceCrops.push_back(std::move(crop));
                continue;
            }
            // Rounded to whole pixels as the landmark predictor gives them.
            std::vector<dlib::point> parts;
            parts.reserve(points.size());
            for (const cv::Point2f &p : points)
                parts.emplace_back(long(std::lround(p.x)), long(std::lround(p.y)));
            const dlib::full_object_detection shape(dlib::rectangle(), parts);
            detail::Chip chip;
            extractChip(img.bgr, dlib::get_face_chip_details(shape, 150, 0.25), chip);
            chips.push_back(std::move(chip));
        }
        if (why.isEmpty())
            return d->encode(chips, arcFaceCrops);
    } catch (const std::bad_alloc &) {
        why = QStringLiteral("out of memory while encoding");
    } catch (const std::exception &e) {
        why = QStringLiteral("encoding failed: %1")
                  .arg(QString::fromUtf8(e.what()).simplified().left(200));
    }
    if (error)
        *error = why;
    return std::nullopt;
}

std::optional<DetectedFace> FaceAnalyzer::analyzeBox(const QByteArray &fileData, const QRect &box,
                                                     QString *error)
{
    QString why;
    try {
        const AnalyzerOptions &opt = d->opt;
        detail::DecodedImage img;
        if (!detail::decodeImage(fileData, opt.naive ? 0 : opt.decodeLongSide, opt.maxPixels, img,
                                 why)) {
            if (error)
                *error = why;
            return std::nullopt;
        }
        const QSize size(img.fullWidth, img.fullHeight);
        const QRect clipped = box.intersected(QRect(QPoint(0, 0), size));
        if (box.width() < 8 || box.height() < 8 || clipped.width() < box.width() / 2 ||
            clipped.height() < box.height() / 2) {
            if (error)
                *error = QStringLiteral("the box %1,%2,%3,%4 does not lie on the %5×%6 photo")
                             .arg(box.x())
                             .arg(box.y())
                             .arg(box.width())
                             .arg(box.height())
                             .arg(size.width())
                             .arg(size.height());
            return std::nullopt;
        }
        const dlib::rectangle rect(long(box.left() * img.scale), long(box.top() * img.scale),
                                   long((box.left() + box.width()) * img.scale) - 1,
                                   long((box.top() + box.height()) * img.scale) - 1);
        const dlib::cv_image<dlib::bgr_pixel> color(img.bgr);
        const dlib::full_object_detection shape = d->models->data().landmarks(color, rect);
        std::vector<detail::Chip> chips(1);
        extractChip(img.bgr, dlib::get_face_chip_details(shape, 150, 0.25), chips[0]);
        std::vector<cv::Mat> crops;
        if (d->arcFace) {
            cv::Mat crop = detail::alignArcFace(
                img.bgr, detail::arcFacePoints(decodedLandmarks(shape, dlib::point(0, 0))));
            if (crop.empty()) {
                if (error)
                    *error = QStringLiteral("no face outline could be found in the box");
                return std::nullopt;
            }
            crops.push_back(std::move(crop));
        }
        DetectedFace face;
        face.box = box;
        face.score = 0;
        face.encoder = opt.encoder;
        for (unsigned long p = 0; p < shape.num_parts() && p < face.landmarks.size(); ++p)
            face.landmarks[p] =
                QPointF(shape.part(p).x() / img.scale, shape.part(p).y() / img.scale);
        face.chipJpeg = chipToJpeg(chips[0]);
        const std::vector<Embedding> e = d->encode(chips, crops);
        if (e.size() != 1) {
            if (error)
                *error = QStringLiteral("the face could not be encoded");
            return std::nullopt;
        }
        face.embedding = e[0];
        return face;
    } catch (const std::bad_alloc &) {
        why = QStringLiteral("out of memory while analysing the box");
    } catch (const std::exception &e) {
        why = QStringLiteral("analysis failed: %1")
                  .arg(QString::fromUtf8(e.what()).simplified().left(200));
    }
    if (error)
        *error = why;
    return std::nullopt;
}

void useSingleThreadedBlas()
{
    // The SSD detector and the ArcFace encoder run on OpenCV's dnn module,
    // which has its own pool.
    cv::setNumThreads(1);
    useOneBlasThread();
}

} // namespace facefolio
