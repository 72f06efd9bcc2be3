// Faces the detector missed (issue 18): a box drawn in the photo viewer is
// analysed off the UI thread like a detected face, added to the catalog as a
// manual face (kept by every rescan) and put into the person the user picks.
#include "analysis/faceanalyzer.h"
#include "analysis/facemodels.h"
#include "analysis/modelerror.h"
#include "catalog/catalog.h"
#include "mainwindow.h"
#include "peoplecontroller.h"
#include "personlistmodel.h"
#include "photoviewer.h"

#include <QFile>
#include <QFutureWatcher>
#include <QMessageBox>
#include <QPointer>
#include <QStatusBar>
#include <QtConcurrent/QtConcurrentRun>

namespace facefolio {

namespace {

struct Drawn
{
    std::optional<DetectedFace> face;
    QString error;
};

} // namespace

void MainWindow::addDrawnFace(PhotoViewer *viewer, qint64 photoId, const QRect &box)
{
    const qint64 person = choosePerson(tr("Whose face is this?"), 0, true);
    if (person == 0)
        return;
    const auto photo = m_controller->catalog().photo(photoId);
    if (!photo)
        return;
    const EncoderModel encoder = m_controller->catalog().encoder().value_or(EncoderModel::ArcFace);
    statusBar()->showMessage(tr("Analysing the face you drew…"));
    QPointer<PhotoViewer> shown(viewer);
    QtConcurrent::run([path = photo->path, box, encoder] {
        Drawn out;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            out.error = tr("cannot read %1: %2").arg(path, file.errorString());
            return out;
        }
        try {
            static const std::shared_ptr<const FaceModels> models = FaceModels::load();
            AnalyzerOptions o;
            o.encoder = encoder == EncoderModel::ArcFace && models->hasArcFace()
                            ? EncoderModel::ArcFace
                            : EncoderModel::Dlib;
            if (o.encoder != encoder) {
                out.error = models->arcFaceError();
                return out;
            }
            FaceAnalyzer analyzer(models, o);
            out.face = analyzer.analyzeBox(file.readAll(), box, &out.error);
        } catch (const ModelError &e) {
            out.error = QString::fromUtf8(e.what());
        }
        return out;
    }).then(this, [this, photoId, person, shown](const Drawn &d) {
        statusBar()->clearMessage();
        if (!d.face) {
            QMessageBox::warning(this, tr("Facefolio"),
                                 tr("The face could not be added: %1").arg(d.error));
            return;
        }
        const qint64 id = m_controller->catalog().addManualFace(photoId, *d.face);
        if (!id) {
            QMessageBox::warning(
                this, tr("Facefolio"),
                tr("The face could not be added: %1").arg(m_controller->catalog().errorString()));
            return;
        }
        const qint64 into = person == PersonListModel::kNewPerson
                                ? m_controller->splitToNewPerson({id})
                                : (m_controller->moveFaces({id}, person) ? person : 0);
        if (into && shown) {
            const auto info = m_controller->service().person(into);
            shown->addBox(d.face->box, info ? info->displayName() : tr("Unknown"));
        }
        refresh();
    });
}

} // namespace facefolio
