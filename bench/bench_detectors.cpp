// Figures for choosing the face detector (issue 8). Prints, never passes or
// fails on time.
//
//   bench_detectors cost SAMPLES_DIR [ROUNDS]
//       Cost per 12-megapixel photo on one core: the sample photos upscaled
//       to 4032×3024, each detector alone at the analyzer's working size, and
//       the whole analysis (decode, detect, landmarks, encode) per detector.
//   bench_detectors fit LFW_DIR [IMAGES]
//       How SSD boxes sit against HOG boxes of the same face (the 68-point
//       predictor was trained on HOG boxes): the median centre shift and size
//       ratio, as fractions of the SSD box, over images where each detector
//       finds one face. Run with the analyzer's current adaptation, the
//       "adapted" line shows what is left over.
//   bench_detectors detect IMAGE...
//       The raw SSD detections (x y w h score, score above 0.3) of each image,
//       for comparing with the package's own JavaScript on the same pixels.
//   bench_detectors encoders SAMPLES_DIR [ROUNDS]
//       Cost per face of each encoder on one core (issue 15), on the faces
//       the default detector finds in the sample photos: dlib (150×150 chip,
//       ResNet) against ArcFace (five-point 112×112 crop, fr_feature.onnx),
//       the cut and the network apart, the network given one photo's faces
//       in one call (as the analyzer does) and one face a call.

#include "analysis/faceanalyzer.h"
#include "analysis/facemodels.h"
#include "analysis/facemodels_p.h"
#include "analysis/modelerror.h"
#include "analysis/modellocator.h"
#include "analysis/ssddetector.h"
#include "analysis/tfjsweights.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QLineF>
#include <algorithm>
#include <cstdio>
#include <dlib/image_processing.h>
#include <dlib/image_processing/frontal_face_detector.h>
#include <dlib/opencv/cv_image.h>
#include <numeric>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

using namespace facefolio;

namespace {

constexpr int kWidth = 4032, kHeight = 3024;

QByteArray jpeg(const QImage &image)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "JPEG", 90);
    return bytes;
}

double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::nth_element(v.begin(), v.begin() + long(v.size() / 2), v.end());
    return v[v.size() / 2];
}

// The models, SSD included; null (and why, on stderr) when they cannot be loaded.
std::shared_ptr<const FaceModels> loadModelsWithSsd()
{
    std::shared_ptr<const FaceModels> models;
    try {
        models = FaceModels::load();
    } catch (const ModelError &e) {
        std::fprintf(stderr, "bench_detectors: %s\n", e.what());
        return nullptr;
    }
    if (!models->hasSsd()) {
        std::fprintf(stderr, "bench_detectors: %s\n", qPrintable(models->ssdError()));
        return nullptr;
    }
    return models;
}

int cost(const QString &samples, int rounds)
{
    useSingleThreadedBlas(); // one core: no OpenBLAS or OpenCV threads
    std::vector<QByteArray> photos;
    std::vector<QImage> working; // the analyzer's reduced decode: long side 2016
    for (const QString &name :
         QDir(samples).entryList({QStringLiteral("sample*.jpg")}, QDir::Files, QDir::Name)) {
        const QImage big =
            QImage(QDir(samples).filePath(name))
                .scaled(kWidth, kHeight, Qt::KeepAspectRatioByExpanding, Qt::SmoothTransformation)
                .copy(0, 0, kWidth, kHeight);
        photos.push_back(jpeg(big));
        working.push_back(
            big.scaled(kWidth / 2, kHeight / 2, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
                .convertToFormat(QImage::Format_RGB888));
    }
    if (photos.empty()) {
        std::fprintf(stderr, "bench_detectors: no sample*.jpg in %s\n", qPrintable(samples));
        return 1;
    }
    const std::shared_ptr<const FaceModels> models = loadModelsWithSsd();
    if (!models)
        return 1;
    std::printf("%zu photos of %dx%d, %d rounds, one core\n", photos.size(), kWidth, kHeight,
                rounds);

    // The detectors alone, on the copy the analyzer gives each.
    const AnalyzerOptions defaults;
    dlib::frontal_face_detector hog = dlib::get_frontal_face_detector();
    SsdDetector ssd(
        TfjsWeights::load(ModelLocator::ssdManifestPath(), ModelLocator::ssdWeightsPath()));
    double hogSeconds = 0, ssdSeconds = 0;
    int hogFaces = 0, ssdFaces = 0;
    for (int r = 0; r < rounds; ++r)
        for (const QImage &img : working) {
            const cv::Mat rgb(img.height(), img.width(), CV_8UC3,
                              const_cast<uchar *>(img.constBits()), size_t(img.bytesPerLine()));
            QElapsedTimer t;
            t.start();
            cv::Mat gray, small;
            cv::cvtColor(rgb, gray, cv::COLOR_RGB2GRAY);
            const double s = double(defaults.detectLongSide) / std::max(gray.cols, gray.rows);
            cv::resize(gray, small, cv::Size(), s, s, cv::INTER_AREA);
            hogFaces += int(hog(dlib::cv_image<unsigned char>(small)).size());
            hogSeconds += t.nsecsElapsed() / 1e9;
            t.restart();
            ssdFaces += int(ssd.detect(img, defaults.ssdMinScore).size());
            ssdSeconds += t.nsecsElapsed() / 1e9;
        }
    const double n = double(rounds) * double(working.size());
    std::printf("detector alone  hog %.3f s/photo (%d faces at %d px long side), ssd %.3f s/photo "
                "(%d faces at 512x512)\n",
                hogSeconds / n, hogFaces / rounds, defaults.detectLongSide, ssdSeconds / n,
                ssdFaces / rounds);

    for (FaceDetector which : {FaceDetector::Hog, FaceDetector::Ssd, FaceDetector::Both}) {
        AnalyzerOptions o;
        o.detector = which;
        FaceAnalyzer analyzer(models, o);
        double seconds = 0;
        int faces = 0;
        for (int r = 0; r < rounds; ++r)
            for (const QByteArray &photo : photos) {
                QElapsedTimer t;
                t.start();
                faces += int(analyzer.analyze(photo).faces.size());
                seconds += t.nsecsElapsed() / 1e9;
            }
        std::printf("whole analysis  %-4s %.3f s/photo, %d faces in %zu photos\n",
                    qPrintable(faceDetectorName(which)), seconds / n, faces / rounds,
                    photos.size());
    }
    return 0;
}

int fit(const QString &lfw, int limit)
{
    const std::shared_ptr<const FaceModels> models = loadModelsWithSsd();
    if (!models)
        return 1;
    QStringList files;
    QDirIterator it(lfw, {QStringLiteral("*.jpg")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    files.sort();
    // Every k-th image, so that the sample spans the alphabet.
    const int step = std::max(1, int(files.size()) / std::max(1, limit));
    AnalyzerOptions hogOnly, ssdOnly;
    hogOnly.detector = FaceDetector::Hog;
    hogOnly.wholeImageFallback = ssdOnly.wholeImageFallback = false;
    ssdOnly.detector = FaceDetector::Ssd;
    FaceAnalyzer hogAnalyzer(models, hogOnly), ssdAnalyzer(models, ssdOnly);
    SsdDetector raw(
        TfjsWeights::load(ModelLocator::ssdManifestPath(), ModelLocator::ssdWeightsPath()));
    std::vector<double> dx, dy, sw, sh, adx, ady, asw, ash, landmarkError, embeddingDistance;
    int used = 0, hogFound = 0, ssdFound = 0, images = 0;
    for (int i = 0; i < files.size(); i += step) {
        ++images;
        const PhotoAnalysis h = hogAnalyzer.analyzeFile(files[i]);
        const PhotoAnalysis a = ssdAnalyzer.analyzeFile(files[i]);
        const std::vector<SsdDetection> s = raw.detect(QImage(files[i]), ssdOnly.ssdMinScore);
        hogFound += !h.faces.empty();
        ssdFound += !s.empty();
        if (h.faces.size() != 1 || s.size() != 1 || a.faces.size() != 1)
            continue;
        const QRectF hb(h.faces[0].box), sb(s[0].box), ab(a.faces[0].box);
        if (!sb.contains(hb.center()))
            continue; // not the same face
        ++used;
        dx.push_back((hb.center().x() - sb.center().x()) / sb.width());
        dy.push_back((hb.center().y() - sb.center().y()) / sb.height());
        sw.push_back(hb.width() / sb.width());
        sh.push_back(hb.height() / sb.height());
        // How much the box changes what the predictor and the encoder make of
        // the face: landmark spread (per inter-ocular distance) and embedding
        // distance between the HOG-box and the SSD-box analyses.
        const auto &hl = h.faces[0].landmarks, &al = a.faces[0].landmarks;
        const double eyes = QLineF(hl[36], hl[45]).length();
        double spread = 0;
        for (size_t k = 0; k < hl.size(); ++k)
            spread += QLineF(hl[k], al[k]).length();
        landmarkError.push_back(spread / double(hl.size()) / std::max(1.0, eyes));
        double dist = 0;
        for (size_t k = 0; k < h.faces[0].embedding.size(); ++k)
            dist += double(h.faces[0].embedding[k] - a.faces[0].embedding[k]) *
                    double(h.faces[0].embedding[k] - a.faces[0].embedding[k]);
        embeddingDistance.push_back(std::sqrt(dist));
        adx.push_back((hb.center().x() - ab.center().x()) / ab.width());
        ady.push_back((hb.center().y() - ab.center().y()) / ab.height());
        asw.push_back(hb.width() / ab.width());
        ash.push_back(hb.height() / ab.height());
    }
    std::printf("%d images: hog found a face in %d, ssd in %d; %d with one face each\n", images,
                hogFound, ssdFound, used);
    std::printf("raw ssd box -> hog box: shift x %+.3f w, shift y %+.3f h, width x%.3f, "
                "height x%.3f\n",
                median(dx), median(dy), median(sw), median(sh));
    std::printf("adapted box -> hog box: shift x %+.3f w, shift y %+.3f h, width x%.3f, "
                "height x%.3f\n",
                median(adx), median(ady), median(asw), median(ash));
    const auto mean = [](const std::vector<double> &v) {
        return v.empty() ? 0.0 : std::accumulate(v.begin(), v.end(), 0.0) / double(v.size());
    };
    std::printf("analysis from the analyzer's ssd box vs from the hog box: landmark shift %.4f "
                "of the eye distance (median %.4f), embedding distance mean %.4f (median "
                "%.4f)\n",
                mean(landmarkError), median(landmarkError), mean(embeddingDistance),
                median(embeddingDistance));
    return 0;
}

int detect(const QStringList &files)
{
    SsdDetector ssd(
        TfjsWeights::load(ModelLocator::ssdManifestPath(), ModelLocator::ssdWeightsPath()));
    for (const QString &file : files) {
        std::printf("%s", qPrintable(file));
        for (const SsdDetection &d : ssd.detect(QImage(file), 0.3f))
            std::printf(" [%.0f %.0f %.0f %.0f %.3f]", d.box.x(), d.box.y(), d.box.width(),
                        d.box.height(), double(d.score));
        std::printf("\n");
    }
    return 0;
}

int encoders(const QString &samples, int rounds)
{
    useSingleThreadedBlas(); // one core: no OpenBLAS or OpenCV threads
    const std::shared_ptr<const FaceModels> models = loadModelsWithSsd();
    if (!models)
        return 1;
    if (!models->hasArcFace()) {
        std::fprintf(stderr, "bench_detectors: %s\n", qPrintable(models->arcFaceError()));
        return 1;
    }
    // The faces: the analyzer's landmarks, in the photo's own pixels (the
    // samples are 1920 px wide, so the analyzer decodes them at full size).
    struct Photo
    {
        cv::Mat bgr;
        std::vector<std::array<cv::Point2f, 68>> faces;
    };
    std::vector<Photo> photos;
    AnalyzerOptions dlibOptions;
    dlibOptions.encoder = EncoderModel::Dlib;
    FaceAnalyzer analyzer(models, dlibOptions);
    size_t faces = 0;
    for (const QString &name :
         QDir(samples).entryList({QStringLiteral("sample*.jpg")}, QDir::Files, QDir::Name)) {
        const QString path = QDir(samples).filePath(name);
        Photo p;
        p.bgr = cv::imread(QFile::encodeName(path).toStdString(), cv::IMREAD_COLOR);
        for (const DetectedFace &f : analyzer.analyzeFile(path).faces) {
            std::array<cv::Point2f, 68> l{};
            for (size_t k = 0; k < l.size(); ++k)
                l[k] = cv::Point2f(float(f.landmarks[k].x()), float(f.landmarks[k].y()));
            p.faces.push_back(l);
        }
        faces += p.faces.size();
        photos.push_back(std::move(p));
    }
    if (faces == 0) {
        std::fprintf(stderr, "bench_detectors: no faces in %s\n", qPrintable(samples));
        return 1;
    }
    std::printf("%zu faces in %zu photos, %d rounds, one core\n", faces, photos.size(), rounds);

    detail::FaceEncoder dlibNet(*models->data().encoder);
    detail::ArcFaceEncoder arcFaceNet(*models->data().arcFace);
    double dlibCut = 0, dlibBatch = 0, dlibSingle = 0, arcCut = 0, arcBatch = 0, arcSingle = 0;
    const auto seconds = [](QElapsedTimer &t) {
        const double s = double(t.nsecsElapsed()) / 1e9;
        t.restart();
        return s;
    };
    for (int r = 0; r < rounds; ++r)
        for (const Photo &p : photos) {
            QElapsedTimer t;
            t.start();
            std::vector<detail::Chip> chips;
            for (const auto &l : p.faces) {
                std::vector<dlib::point> parts;
                for (const cv::Point2f &q : l)
                    parts.emplace_back(long(std::lround(q.x)), long(std::lround(q.y)));
                detail::Chip chip;
                dlib::extract_image_chip(
                    dlib::cv_image<dlib::bgr_pixel>(p.bgr),
                    dlib::get_face_chip_details(
                        dlib::full_object_detection(dlib::rectangle(), parts), 150, 0.25),
                    chip);
                chips.push_back(std::move(chip));
            }
            dlibCut += seconds(t);
            dlibNet.encode(chips);
            dlibBatch += seconds(t);
            for (const detail::Chip &c : chips)
                dlibNet.encode({c});
            dlibSingle += seconds(t);

            std::vector<cv::Mat> crops;
            for (const auto &l : p.faces)
                crops.push_back(detail::alignArcFace(p.bgr, detail::arcFacePoints(l)));
            arcCut += seconds(t);
            arcFaceNet.encode(crops);
            arcBatch += seconds(t);
            for (const cv::Mat &c : crops)
                arcFaceNet.encode({c});
            arcSingle += seconds(t);
        }
    const double n = double(faces) * rounds / 1000; // per face, in ms
    std::printf("dlib     cut %.2f ms/face, network %.1f ms/face (a photo's faces a call), "
                "%.1f ms/face (one a call)\n",
                dlibCut / n, dlibBatch / n, dlibSingle / n);
    std::printf("arcface  cut %.2f ms/face, network %.1f ms/face (a photo's faces a call), "
                "%.1f ms/face (one a call)\n",
                arcCut / n, arcBatch / n, arcSingle / n);
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() >= 3 && args[1] == QLatin1String("cost"))
        return cost(args[2], args.size() > 3 ? std::max(1, args[3].toInt()) : 2);
    if (args.size() >= 3 && args[1] == QLatin1String("fit"))
        return fit(args[2], args.size() > 3 ? std::max(1, args[3].toInt()) : 400);
    if (args.size() >= 3 && args[1] == QLatin1String("detect"))
        return detect(args.mid(2));
    if (args.size() >= 3 && args[1] == QLatin1String("encoders"))
        return encoders(args[2], args.size() > 3 ? std::max(1, args[3].toInt()) : 3);
    std::fprintf(stderr, "usage: bench_detectors cost SAMPLES_DIR [ROUNDS]\n"
                         "       bench_detectors fit LFW_DIR [IMAGES]\n"
                         "       bench_detectors detect IMAGE...\n"
                         "       bench_detectors encoders SAMPLES_DIR [ROUNDS]\n");
    return 2;
}
