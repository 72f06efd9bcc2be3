#include "mainwindow.h"

#include "facegridmodel.h"
#include "peoplecontroller.h"
#include "personfiltermodel.h"
#include "personlistmodel.h"
#include "photogridmodel.h"
#include "reviewsession.h"
#include "thumbnailcache.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCheckBox>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QSettings>
#include <QSlider>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace facefolio {

MainWindow::MainWindow(const QString &catalogPath, QWidget *parent)
    : QMainWindow(parent)
    , m_controller(std::make_unique<PeopleController>(catalogPath))
{
    setWindowTitle(QStringLiteral("Facefolio"));
    setWindowIcon(QIcon::fromTheme(QStringLiteral("io.github.facefolio.Facefolio")));
}

MainWindow::~MainWindow()
{
    if (m_work)
        m_work->stopAndWait();
    m_pruneCopies.waitForFinished();
}

bool MainWindow::open()
{
    if (!m_controller->open()) {
        m_error = m_controller->errorString();
        return false;
    }
    m_thumbnails = new ThumbnailCache(m_controller->catalogPath(), 256ll << 20, this);
    m_work = new BackgroundWork(m_controller->catalogPath(), this);
    m_personModel = new PersonListModel(m_controller.get(), m_thumbnails, this);
    m_personFilter = new PersonFilterModel(this);
    m_personFilter->setSourceModel(m_personModel);
    m_faceModel = new FaceGridModel(m_controller->catalog(), m_thumbnails, this);
    m_photoModel = new PhotoGridModel(m_controller->catalog(), m_thumbnails, this);
    m_review = new ReviewSession(m_controller->catalogPath(), this);

    buildActions();
    buildMenus();
    buildLayout();
    restoreSettings();

    connect(m_controller.get(), &PeopleController::peopleChanged, this, &MainWindow::refresh);
    connect(m_controller.get(), &PeopleController::failed, this, [this](const QString &why) {
        QMessageBox::warning(this, tr("Facefolio"),
                             tr("The change could not be made: %1").arg(why));
    });
    connect(m_personModel, &PersonListModel::facesDropped, this, &MainWindow::onFacesDropped);
    connect(m_personModel, &PersonListModel::personDropped, this, &MainWindow::onPersonDropped);
    connect(m_personModel, &PersonListModel::renameRequested, this,
            [this](qint64 id, const QString &name) { m_controller->rename(id, name); });
    connect(m_work, &BackgroundWork::jobChanged, this, &MainWindow::onJobChanged);
    connect(m_work, &BackgroundWork::progress, this, &MainWindow::onProgress);
    connect(m_work, &BackgroundWork::peopleChanged, this, &MainWindow::refresh);
    connect(m_work, &BackgroundWork::scanFinished, this, &MainWindow::onScanFinished);
    connect(m_work, &BackgroundWork::clusterFinished, this, &MainWindow::onClusterFinished);
    connect(m_work, &BackgroundWork::modelsMissing, this, &MainWindow::onModelsMissing);
    connect(m_work, &BackgroundWork::reencodeFinished, this, &MainWindow::onReencodeFinished);
    connect(m_review, &ReviewSession::changed, this, &MainWindow::updateReviewBadge);
    connect(m_reviewBadge, &QToolButton::clicked, this, &MainWindow::reviewPeople);
    connect(m_peopleView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                const qint64 id = current.data(PersonListModel::PersonIdRole).toLongLong();
                if (id == PersonListModel::kNewPerson || id == m_current)
                    return;
                m_current = id;
                m_userChosePerson = true;
                showPerson();
            });
    connect(m_peopleView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::onPeopleSelectionChanged);
    connect(m_onlyThem, &QCheckBox::toggled, this, &MainWindow::showPerson);
    connect(m_faceView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::updateActions);
    connect(m_filter, &QLineEdit::textChanged, m_personFilter, &PersonFilterModel::setText);
    connect(m_zoom, &QSlider::valueChanged, this, &MainWindow::setZoom);
    // Double-click or Enter opens the photo.
    connect(m_faceView, &QListView::activated, this, &MainWindow::openPhoto);
    connect(m_photoView, &QListView::activated, this, &MainWindow::openPhoto);
    connect(m_peopleView, &QWidget::customContextMenuRequested, this,
            &MainWindow::peopleContextMenu);
    connect(m_faceView, &QWidget::customContextMenuRequested, this, &MainWindow::facesContextMenu);

    // Start on the largest person, so the window is never empty.
    const QModelIndex first = m_personFilter->index(2, 0);
    selectPerson(first.isValid() ? first.data(PersonListModel::PersonIdRole).toLongLong()
                                 : PersonListModel::kUnknown);
    onJobChanged(BackgroundWork::Job::None);
    updateReviewBadge();
    m_review->refresh();
    return true;
}

void MainWindow::restoreSettings()
{
    QSettings s;
    restoreGeometry(s.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(s.value(QStringLiteral("window/state")).toByteArray());
    m_splitter->restoreState(s.value(QStringLiteral("window/splitter")).toByteArray());
    m_zoom->setValue(s.value(QStringLiteral("view/thumbnailSize"), 112).toInt());
    m_showAges->setChecked(s.value(QStringLiteral("view/showAges"), false).toBool());
    applyShowAges(); // sets the zoom too
    m_sortByName->setChecked(s.value(QStringLiteral("view/sortByName"), false).toBool());
    m_personFilter->setOrder(m_sortByName->isChecked() ? PersonFilterModel::Order::ByName
                                                       : PersonFilterModel::Order::ByFaces);
    m_showHidden->setChecked(s.value(QStringLiteral("view/showHidden"), false).toBool());
    m_groupByAge->setChecked(s.value(QStringLiteral("view/groupByAge"), false).toBool());
    m_photoModel->setGroupByAge(m_groupByAge->isChecked());
    m_personFilter->setShowHidden(m_showHidden->isChecked());
    m_folders = s.value(QStringLiteral("library/folders")).toStringList();
    const int detector = s.value(QStringLiteral("scan/detector"), int(m_work->detector())).toInt();
    if (detector >= int(FaceDetector::Hog) && detector <= int(FaceDetector::Both))
        m_work->setDetector(FaceDetector(detector));
    for (QAction *a : m_detectorGroup->actions())
        a->setChecked(a->data().toInt() == int(m_work->detector()));
    EncoderModel encoder = m_work->encoder();
    parseEncoder(s.value(QStringLiteral("scan/encoder"), encoderName(encoder)).toString(),
                 &encoder);
    m_work->setEncoder(encoder);
    for (QAction *a : m_encoderGroup->actions())
        a->setChecked(a->data().toInt() == int(encoder));
    s.beginGroup(QStringLiteral("clustering"));
    ClusterOptions::Method method = ClusterOptions::Method::Auto;
    Clusterer::parseMethod(s.value(QStringLiteral("method"), QStringLiteral("auto")).toString(),
                           method);
    m_clusterOptions.method = method;
    m_clusterOptions.threshold = s.value(QStringLiteral("threshold"), -1.0).toDouble();
    m_clusterOptions.eps = s.value(QStringLiteral("eps"), -1.0).toDouble();
    m_clusterOptions.minSamples = s.value(QStringLiteral("minSamples"), 5).toInt();
    s.endGroup();
    m_work->setClusterOptions(m_clusterOptions);
}

void MainWindow::saveSettings()
{
    QSettings s;
    s.setValue(QStringLiteral("window/geometry"), saveGeometry());
    s.setValue(QStringLiteral("window/state"), saveState());
    s.setValue(QStringLiteral("window/splitter"), m_splitter->saveState());
    s.setValue(QStringLiteral("view/thumbnailSize"), m_zoom->value());
    s.setValue(QStringLiteral("view/sortByName"), m_sortByName->isChecked());
    s.setValue(QStringLiteral("view/showHidden"), m_showHidden->isChecked());
    s.setValue(QStringLiteral("view/showAges"), m_showAges->isChecked());
    s.setValue(QStringLiteral("view/groupByAge"), m_groupByAge->isChecked());
    s.setValue(QStringLiteral("library/folders"), m_folders);
    s.setValue(QStringLiteral("scan/detector"), int(m_work->detector()));
    s.setValue(QStringLiteral("scan/encoder"), encoderName(m_work->encoder()));
    s.beginGroup(QStringLiteral("clustering"));
    s.setValue(QStringLiteral("method"), Clusterer::methodName(m_clusterOptions.method));
    s.setValue(QStringLiteral("threshold"), m_clusterOptions.threshold);
    s.setValue(QStringLiteral("eps"), m_clusterOptions.eps);
    s.setValue(QStringLiteral("minSamples"), m_clusterOptions.minSamples);
    s.endGroup();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_work && m_work->busy())
        statusBar()->showMessage(tr("Stopping…"));
    if (m_work)
        m_work->stopAndWait();
    if (m_thumbnails)
        saveSettings();
    event->accept();
}

void MainWindow::setZoom(int side)
{
    m_faceView->setIconSize(QSize(side, side));
    // Ages shown: a line of text under each face.
    const int caption = m_showAges->isChecked() ? m_faceView->fontMetrics().height() + 2 : 0;
    m_faceView->setGridSize(QSize(side + 8, side + 8 + caption));
    const int photo = side * 3 / 2;
    m_photoView->setIconSize(QSize(photo, photo));
    m_photoView->setGridSize(QSize(photo + 12, photo + m_photoView->fontMetrics().height() + 12));
    m_photoModel->setTileSize(QSize(photo + 8, photo + m_photoView->fontMetrics().height() + 8));
}

void MainWindow::setMode(Mode mode)
{
    m_mode = mode;
    (mode == Mode::Faces    ? m_facesMode
     : mode == Mode::Photos ? m_photosMode
                            : m_allPhotosMode)
        ->setChecked(true);
    showPerson();
}

void MainWindow::selectPerson(qint64 personId)
{
    QModelIndex i = m_personFilter->mapFromSource(m_personModel->indexOfPerson(personId));
    if (!i.isValid())
        i = m_personFilter->mapFromSource(m_personModel->indexOfPerson(PersonListModel::kUnknown));
    m_current = i.data(PersonListModel::PersonIdRole).toLongLong();
    m_peopleView->selectionModel()->setCurrentIndex(i, QItemSelectionModel::ClearAndSelect);
    if (m_peopleView->isVisible())
        m_peopleView->scrollTo(i);
    showPerson();
}

void MainWindow::showPerson()
{
    if (showingTogether()) {
        showTogether();
        return;
    }
    m_onlyThem->setVisible(false);
    const qint64 person = m_current == PersonListModel::kUnknown ? 0 : m_current;
    const QModelIndex i = m_personModel->indexOfPerson(m_current);
    const QString name = i.data(Qt::DisplayRole).toString().section(u'\n', 0, 0);
    switch (m_mode) {
    case Mode::Faces:
        m_faceModel->setPerson(person);
        m_stack->setCurrentWidget(m_faceView);
        m_heading->setText(m_current == PersonListModel::kUnknown
                               ? tr("Unknown faces: %n face(s)", nullptr, m_faceModel->rowCount())
                               : tr("%1: %n face(s)", nullptr, m_faceModel->rowCount()).arg(name));
        break;
    case Mode::Photos:
        if (person == 0) {
            // The photos of no one are not a useful album: show the faces.
            m_faceModel->setPerson(0);
            m_stack->setCurrentWidget(m_faceView);
            m_heading->setText(tr("Unknown faces: %n face(s)", nullptr, m_faceModel->rowCount()));
            break;
        }
        m_photoModel->setPerson(person);
        m_stack->setCurrentWidget(m_photoView);
        m_heading->setText(tr("Photos of %1: %2").arg(name).arg(m_photoModel->photoCount()));
        break;
    case Mode::AllPhotos:
        m_photoModel->setPerson(0);
        m_stack->setCurrentWidget(m_photoView);
        m_heading->setText(tr("All photos: %1").arg(m_photoModel->photoCount()));
        break;
    }
    updateActions();
}

void MainWindow::refresh()
{
    const qint64 keep = m_current;
    m_personModel->reload();
    // Persons selected together stay so, unless fewer than two are left.
    if (m_together.size() > 1) {
        QList<qint64> still;
        for (qint64 id : std::as_const(m_together))
            if (m_personModel->indexOfPerson(id).isValid())
                still << id;
        if (still.size() > 1) {
            selectPersons(still);
            m_review->refresh();
            return;
        }
        m_together.clear();
    }
    // The person shown may be gone (merged away): fall back to Unknown faces.
    if (!m_personModel->indexOfPerson(keep).isValid())
        m_current = PersonListModel::kUnknown;
    selectPerson(m_current);
    // Every change of people may answer, open or close a question.
    m_review->refresh();
}

QList<qint64> MainWindow::selectedFaces() const
{
    QList<qint64> ids;
    if (m_stack->currentWidget() != m_faceView)
        return ids;
    for (const QModelIndex &i : m_faceView->selectionModel()->selectedIndexes())
        ids << i.data(FaceGridModel::FaceIdRole).toLongLong();
    return ids;
}

void MainWindow::updateActions()
{
    const bool person = m_current > 0;
    const bool faces = !selectedFaces().isEmpty();
    const bool inPerson = faces && m_faceModel->person() > 0;
    m_rename->setEnabled(person);
    m_merge->setEnabled(person);
    m_hide->setEnabled(person);
    m_birthDate->setEnabled(person);
    const QModelIndex i = m_personModel->indexOfPerson(m_current);
    m_hide->setText(i.data(PersonListModel::HiddenRole).toBool() ? tr("Show &Hidden Person")
                                                                 : tr("&Hide Person"));
    m_move->setEnabled(faces);
    m_split->setEnabled(faces);
    m_remove->setEnabled(inPerson);
    m_notFace->setEnabled(faces);
    m_cover->setEnabled(inPerson && selectedFaces().size() == 1);
    m_unlikeFirst->setEnabled(m_mode == Mode::Faces);
    const bool idle = !m_work->busy();
    m_addFolder->setEnabled(idle);
    m_rescan->setEnabled(idle);
    m_recluster->setEnabled(idle);
    m_strictness->setEnabled(idle);
}

void MainWindow::onJobChanged(BackgroundWork::Job job)
{
    const bool busy = job != BackgroundWork::Job::None;
    m_progress->setVisible(busy);
    m_cancel->setVisible(busy);
    m_rate->setVisible(busy);
    if (!busy)
        m_rate->clear();
    updateActions();
}

void MainWindow::onProgress(int done, int total, double rate, const QString &text)
{
    m_statusText->setText(text);
    m_progress->setRange(0, total > 0 ? total : 0); // 0..0: busy without a known end
    m_progress->setValue(done);
    m_rate->setText(rate > 0 ? tr("%1 photos/s").arg(rate, 0, 'f', 1) : QString());
}

} // namespace facefolio
