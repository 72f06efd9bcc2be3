// Faces the detector missed and persons without a face (issue 18): the photo
// viewer asks, the main window does. A box drawn (or moved, or resized) is
// analysed off the UI thread like a detected face; adding, moving, resizing
// and removing a drawn face and tagging a person on a photo are each one
// undoable step of the people controller, and every open viewer shows the
// catalog again after each edit, undo and redo.
#include "analysis/faceanalyzer.h"
#include "analysis/facemodels.h"
#include "analysis/modelerror.h"
#include "catalog/catalog.h"
#include "mainwindow.h"
#include "peoplecontroller.h"
#include "personlistmodel.h"
#include "photoviewer.h"

#include <QAction>
#include <QFile>
#include <QMessageBox>
#include <QPointer>
#include <QStatusBar>
#include <QtConcurrent/QtConcurrentRun>

namespace facefolio {

namespace {

struct Analysed
{
    std::optional<DetectedFace> face;
    QString error;
};

} // namespace

PhotoViewer *MainWindow::showPhoto(qint64 photoId, qint64 highlightFaceId)
{
    auto *viewer = new PhotoViewer(m_controller->catalog(), photoId, highlightFaceId, this);
    viewer->setAttribute(Qt::WA_DeleteOnClose);
    connect(viewer, &PhotoViewer::faceDrawn, this,
            [this, viewer](qint64 photo, const QRect &box) { addDrawnFace(viewer, photo, box); });
    connect(viewer, &PhotoViewer::faceRedrawn, this,
            [this, viewer](qint64 face, const QRect &box) { redrawFace(viewer, face, box); });
    connect(viewer, &PhotoViewer::faceRemoveRequested, this,
            [this](qint64 face) { m_controller->removeDrawnFace(face); });
    connect(viewer, &PhotoViewer::tagRequested, this, &MainWindow::tagPhoto);
    connect(viewer, &PhotoViewer::untagRequested, this,
            [this](qint64 photo, qint64 person) { m_controller->untagPerson(photo, person); });
    connect(viewer, &PhotoViewer::personRequested, this, [this](qint64 person) {
        setMode(Mode::Faces);
        selectPerson(person);
        raise();
        activateWindow();
    });
    connect(viewer, &PhotoViewer::undoRequested, m_undo, &QAction::trigger);
    connect(viewer, &PhotoViewer::redoRequested, m_redo, &QAction::trigger);
    // Every edit, undo and redo, here or in the main window, shows again.
    connect(m_controller.get(), &PeopleController::peopleChanged, viewer,
            &PhotoViewer::reloadFaces);
    viewer->show();
    return viewer;
}

void MainWindow::analyseBox(
    qint64 photoId, const QRect &box,
    std::function<void(const std::optional<DetectedFace> &, const QString &)> done)
{
    const auto photo = m_controller->catalog().photo(photoId);
    if (!photo) {
        done(std::nullopt, tr("the photo is no longer in the catalog"));
        return;
    }
    const EncoderModel encoder = m_controller->catalog().encoder().value_or(EncoderModel::ArcFace);
    statusBar()->showMessage(tr("Analysing the face you drew…"));
    QtConcurrent::run([path = photo->path, box, encoder] {
        Analysed out;
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
    }).then(this, [this, done = std::move(done)](const Analysed &a) {
        statusBar()->clearMessage();
        done(a.face, a.error);
    });
}

void MainWindow::addDrawnFace(PhotoViewer *viewer, qint64 photoId, const QRect &box)
{
    const qint64 person = choosePerson(tr("Whose face is this?"), 0, true);
    if (person == 0)
        return;
    QPointer<PhotoViewer> shown(viewer);
    if (shown) {
        const auto info = person > 0 ? m_controller->service().person(person) : std::nullopt;
        shown->addBox(box, info ? info->displayName() : tr("New person"));
    }
    analyseBox(photoId, box,
               [this, photoId, person, shown](const std::optional<DetectedFace> &face,
                                              const QString &error) {
                   // A failed edit is reported by the controller; either way
                   // the viewer shows the catalog again.
                   if (!face)
                       QMessageBox::warning(this, tr("Facefolio"),
                                            tr("The face could not be added: %1").arg(error));
                   else
                       m_controller->addDrawnFace(photoId, *face,
                                                  person == PersonListModel::kNewPerson
                                                      ? PeopleService::kNewPerson
                                                      : person);
                   if (shown)
                       shown->reloadFaces();
               });
}

void MainWindow::redrawFace(PhotoViewer *viewer, qint64 faceId, const QRect &box)
{
    QPointer<PhotoViewer> shown(viewer);
    const qint64 photo = shown ? shown->photoId() : 0;
    analyseBox(
        photo, box,
        [this, faceId, shown](const std::optional<DetectedFace> &face, const QString &error) {
            if (!face)
                QMessageBox::warning(this, tr("Facefolio"),
                                     tr("The face could not be moved: %1").arg(error));
            // A failed edit is reported by the controller; the viewer
            // shows the box where it still is.
            if (face)
                m_controller->redrawFace(faceId, *face);
            if (shown)
                shown->reloadFaces();
        });
}

void MainWindow::tagPhoto(qint64 photoId)
{
    const qint64 person = choosePerson(tr("Who else is in this photo?"), 0, false);
    if (person > 0)
        m_controller->tagPerson(photoId, person);
}

} // namespace facefolio
