// MainWindow's commands: scanning, clustering, exporting and every edit of
// people (each through the people controller, so each can be undone).

#include "buildinfo.h"
#include "exportdialog.h"
#include "facegridmodel.h"
#include "mainwindow.h"
#include "modelsdialog.h"
#include "peoplecontroller.h"
#include "personfiltermodel.h"
#include "personlistmodel.h"
#include "photogridmodel.h"
#include "photoviewer.h"
#include "reclusterdialog.h"
#include "tilethumbnails.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QStatusBar>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <utility>

namespace facefolio {

void MainWindow::scanFolders(const QStringList &folders)
{
    QStringList clean;
    for (const QString &f : folders)
        if (!f.isEmpty() && !clean.contains(f))
            clean << f;
    if (clean.isEmpty())
        return;
    for (const QString &f : clean)
        if (!m_folders.contains(f))
            m_folders << f;
    m_pendingFolders = clean;
    if (!m_work->scan(clean))
        statusBar()->showMessage(tr("Wait for the current work to finish, or cancel it."), 5000);
}

void MainWindow::addFolder()
{
    const QString start = m_folders.isEmpty()
                              ? QStandardPaths::writableLocation(QStandardPaths::PicturesLocation)
                              : m_folders.last();
    const QString folder =
        QFileDialog::getExistingDirectory(this, tr("Add a Folder of Photos"), start);
    if (!folder.isEmpty())
        scanFolders({folder});
}

void MainWindow::rescan()
{
    if (m_folders.isEmpty()) {
        addFolder();
        return;
    }
    scanFolders(m_folders);
}

void MainWindow::onScanFinished(const ScanSummary &s)
{
    if (!s.ok) {
        QMessageBox::warning(this, tr("Scan"), tr("The scan could not run: %1").arg(s.error));
        return;
    }
    QString text = s.cancelled ? tr("Scan stopped: ") : tr("Scan finished: ");
    text += tr("%1 photos, %2 new, %3 faces found").arg(s.seen).arg(s.analysed).arg(s.faces);
    if (s.failures > 0)
        text += tr("; %1 could not be read (File > Show Unreadable Photos)").arg(s.failures);
    m_statusText->setText(text);
    m_lastScanText = text;
    // A photo moved or renamed since left its tile copy under the old
    // path's name: those go, off the UI thread, on a connection of their own.
    if (!m_pruneCopies.isRunning())
        m_pruneCopies = QtConcurrent::run([path = m_controller->catalogPath()] {
            Catalog catalog(path);
            if (catalog.open())
                TileThumbnails::prune(TileThumbnails::folderFor(path), catalog.photoPaths());
        });
}

void MainWindow::chooseEncoder(EncoderModel model)
{
    m_work->setEncoder(model);
    const QString name = BackgroundWork::modelTitle(model);
    const std::optional<EncoderModel> current = m_controller->catalog().encoder();
    if (!current || *current == model) {
        statusBar()->showMessage(tr("The next scans use %1.").arg(name), 5000);
        return;
    }
    if (m_work->busy() || m_folders.isEmpty()) {
        statusBar()->showMessage(tr("The faces will be re-encoded with %1 at the next scan (File "
                                    "> Rescan); names and decisions are kept.")
                                     .arg(name),
                                 8000);
        return;
    }
    statusBar()->showMessage(tr("The faces are being re-encoded with %1 in the background; names "
                                "and decisions are kept.")
                                 .arg(name),
                             8000);
    rescan();
}

void MainWindow::onReencodeFinished(const ReencodeSummary &s)
{
    if (!s.ok && !s.cancelled) {
        QMessageBox::warning(this, tr("Re-encoding"),
                             tr("The faces could not be re-encoded: %1").arg(s.error));
        return;
    }
    if (s.cancelled) {
        m_statusText->setText(tr("Re-encoding stopped: %L1 faces re-encoded, %L2 left; the next "
                                 "scan goes on from there.")
                                  .arg(s.faces)
                                  .arg(s.left));
        return;
    }
    if (s.faces == 0)
        return;
    m_regroupPending = true;
    // Distance limits the user set were in the old model's units and mean
    // nothing in the new one's: later re-clusterings start from its defaults.
    m_clusterOptions.threshold = -1;
    m_clusterOptions.eps = -1;
    m_work->setClusterOptions(m_clusterOptions);
}

void MainWindow::onClusterFinished(const ClusterSummary &s, bool recorded)
{
    refresh();
    // A first scan leaves the window on Unknown faces; show the largest
    // person instead, unless the user has picked one meanwhile.
    if (!m_userChosePerson && m_current == PersonListModel::kUnknown) {
        const QModelIndex largest = m_personFilter->index(2, 0);
        if (largest.isValid())
            selectPerson(largest.data(PersonListModel::PersonIdRole).toLongLong());
    }
    const bool regroup = recorded && std::exchange(m_regroupPending, false);
    if (!s.ok && !s.cancelled && !s.error.isEmpty()) {
        QMessageBox::warning(this, tr("Clustering"), tr("Clustering failed: %1").arg(s.error));
        return;
    }
    if (recorded)
        m_controller->reloadHistory();
    if (regroup && (!s.ok || s.cancelled)) {
        m_statusText->setText(tr("Regrouping stopped; the people were left as they were. People "
                                 "> Re-cluster… groups every face with the new model."));
        return;
    }
    if (s.cancelled) {
        m_statusText->setText(tr("Clustering stopped; nothing was changed."));
        return;
    }
    if (s.ok) {
        const QString people =
            tr("%1 people, %2 faces not in a person").arg(s.persons).arg(s.unassigned);
        m_statusText->setText(recorded || m_lastScanText.isEmpty()
                                  ? tr("Clustering finished: %1").arg(people)
                                  : m_lastScanText + QStringLiteral(" — ") + people);
    }
    m_lastScanText.clear();
}

void MainWindow::onModelsMissing(const QString &message)
{
    m_statusText->setText(tr("The face models are missing; nothing was scanned."));
    ModelsDialog dialog(message, this);
    if (dialog.exec() == QDialog::Accepted && !m_pendingFolders.isEmpty())
        m_work->scan(m_pendingFolders); // the scan the missing models stopped
}

void MainWindow::showProblems()
{
    QStringList lines;
    for (const PhotoRecord &p : m_controller->catalog().failedPhotos())
        lines << QStringLiteral("%1: %2").arg(p.path, p.error);
    QDialog dlg(this);
    dlg.setWindowTitle(tr("Unreadable Photos"));
    auto *layout = new QVBoxLayout(&dlg);
    layout->addWidget(new QLabel(lines.isEmpty() ? tr("Every photo could be read.")
                                                 : tr("%n photo(s) could not be read. They are "
                                                      "left as they are; fix or remove them and "
                                                      "rescan.",
                                                      nullptr, int(lines.size())),
                                 &dlg));
    auto *text = new QPlainTextEdit(lines.join(u'\n'), &dlg);
    text->setReadOnly(true);
    layout->addWidget(text);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dlg);
    connect(buttons, &QDialogButtonBox::rejected, &dlg, &QDialog::reject);
    layout->addWidget(buttons);
    dlg.resize(720, 420);
    dlg.exec();
}

void MainWindow::exportPeople()
{
    ExportDialog dlg(m_controller->catalogPath(), this);
    // What the window shows: the photos of the people selected together.
    if (showingTogether())
        dlg.offerTogether(m_together, m_onlyThem->isChecked(), togetherNames(false));
    dlg.exec();
}

void MainWindow::reclusterDialog()
{
    ReclusterDialog dlg(m_clusterOptions, this);
    if (dlg.exec() != QDialog::Accepted)
        return;
    m_clusterOptions = dlg.options();
    m_work->setClusterOptions(m_clusterOptions);
    m_work->recluster(m_clusterOptions);
}

qint64 MainWindow::choosePerson(const QString &title, qint64 exclude, bool allowNew)
{
    QStringList names;
    QList<qint64> ids;
    if (allowNew) {
        names << tr("New person");
        ids << PersonListModel::kNewPerson;
    }
    for (int row = 0; row < m_personFilter->rowCount(); ++row) {
        const QModelIndex i = m_personFilter->index(row, 0);
        const qint64 id = i.data(PersonListModel::PersonIdRole).toLongLong();
        if (id <= 0 || id == exclude)
            continue;
        names << i.data(Qt::DisplayRole).toString().section(u'\n', 0, 0);
        ids << id;
    }
    if (names.isEmpty())
        return 0;
    bool ok = false;
    const QString chosen = QInputDialog::getItem(this, title, tr("Person:"), names, 0, false, &ok);
    return ok ? ids.value(names.indexOf(chosen)) : 0;
}

void MainWindow::renamePerson()
{
    const QModelIndex i = m_peopleView->currentIndex();
    if (m_current > 0 && i.isValid())
        m_peopleView->edit(i);
}

void MainWindow::mergeInto()
{
    if (m_current <= 0)
        return;
    const qint64 into = choosePerson(tr("Merge Into"), m_current, false);
    if (into > 0)
        onPersonDropped(m_current, into);
}

void MainWindow::moveFacesTo()
{
    const QList<qint64> faces = selectedFaces();
    if (faces.isEmpty())
        return;
    const qint64 to = choosePerson(tr("Move Faces To"), m_faceModel->person(), true);
    if (to != 0)
        onFacesDropped(faces, to);
}

void MainWindow::splitFaces()
{
    const QList<qint64> faces = selectedFaces();
    if (!faces.isEmpty())
        onFacesDropped(faces, PersonListModel::kNewPerson);
}

void MainWindow::removeFaces()
{
    const QList<qint64> faces = selectedFaces();
    if (!faces.isEmpty() && m_faceModel->person() > 0)
        m_controller->removeFromPerson(faces);
}

void MainWindow::markNotFace()
{
    const QList<qint64> faces = selectedFaces();
    if (!faces.isEmpty())
        m_controller->setNotFace(faces, true);
}

void MainWindow::toggleHidden()
{
    if (m_current <= 0)
        return;
    const bool hidden =
        m_personModel->indexOfPerson(m_current).data(PersonListModel::HiddenRole).toBool();
    m_controller->setHidden(m_current, !hidden);
}

void MainWindow::setCover()
{
    const QList<qint64> faces = selectedFaces();
    if (faces.size() == 1 && m_faceModel->person() > 0)
        m_controller->setCover(m_faceModel->person(), faces.first());
}

void MainWindow::onFacesDropped(const QList<qint64> &faceIds, qint64 targetId)
{
    if (targetId == PersonListModel::kNewPerson)
        m_controller->splitToNewPerson(faceIds);
    else if (targetId == PersonListModel::kUnknown)
        m_controller->removeFromPerson(faceIds);
    else if (targetId > 0)
        m_controller->moveFaces(faceIds, targetId);
}

void MainWindow::onPersonDropped(qint64 fromId, qint64 intoId)
{
    const auto from = m_controller->service().person(fromId);
    const auto into = m_controller->service().person(intoId);
    if (!from || !into || fromId == intoId)
        return;
    bool keepFromName = false;
    if (!from->name.isEmpty() && !into->name.isEmpty() && from->name != into->name) {
        QMessageBox ask(QMessageBox::Question, tr("Merge People"),
                        tr("“%1” and “%2” both have a name. Which name should the merged "
                           "person keep?")
                            .arg(from->name, into->name),
                        QMessageBox::NoButton, this);
        QPushButton *keepInto = ask.addButton(into->name, QMessageBox::AcceptRole);
        QPushButton *keepFrom = ask.addButton(from->name, QMessageBox::AcceptRole);
        ask.addButton(QMessageBox::Cancel);
        ask.setDefaultButton(keepInto);
        ask.exec();
        if (ask.clickedButton() != keepInto && ask.clickedButton() != keepFrom)
            return;
        keepFromName = ask.clickedButton() == keepFrom;
    }
    if (m_controller->merge(fromId, intoId, keepFromName))
        selectPerson(intoId);
}

void MainWindow::openPhoto(const QModelIndex &index)
{
    const qint64 photo = index.data(FaceGridModel::PhotoIdRole).toLongLong();
    const qint64 face =
        index.model() == m_faceModel ? index.data(FaceGridModel::FaceIdRole).toLongLong() : 0;
    const qint64 id = photo ? photo : index.data(PhotoGridModel::PhotoIdRole).toLongLong();
    if (id > 0)
        showPhoto(id, face);
}

void MainWindow::peopleContextMenu(const QPoint &pos)
{
    const QModelIndex i = m_peopleView->indexAt(pos);
    if (!i.isValid() || i.data(PersonListModel::PersonIdRole).toLongLong() <= 0)
        return;
    // The menu acts on the person clicked; people selected together stay so.
    if (i != m_peopleView->currentIndex())
        m_peopleView->selectionModel()->setCurrentIndex(i, QItemSelectionModel::NoUpdate);
    QMenu menu(this);
    menu.addActions({m_rename, m_merge, m_hide, m_birthDate});
    menu.exec(m_peopleView->viewport()->mapToGlobal(pos));
}

void MainWindow::facesContextMenu(const QPoint &pos)
{
    if (selectedFaces().isEmpty())
        return;
    QMenu menu(this);
    menu.addActions({m_move, m_split, m_remove, m_notFace, m_cover});
    addLikeliestActions(menu);
    menu.exec(m_faceView->viewport()->mapToGlobal(pos));
}

void MainWindow::about()
{
    QMessageBox::about(this, tr("About Facefolio"),
                       tr("<h3>Facefolio %1</h3>"
                          "<p>Sorts a photo library by the people in it.</p>"
                          "<p>Qt %2<br>dlib %3<br>OpenCV %4<br>Exiv2 %5</p>"
                          "<p>Models, each under the MIT licence:<br>%6<br>%7</p>")
                           .arg(QApplication::applicationVersion(), BuildInfo::qtVersion(),
                                BuildInfo::dlibVersion(), BuildInfo::openCvVersion(),
                                BuildInfo::exiv2Version(),
                                BuildInfo::modelVersion().toHtmlEscaped(),
                                BuildInfo::arcFaceModelVersion().toHtmlEscaped()));
}

} // namespace facefolio
