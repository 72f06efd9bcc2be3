// The window's actions, menus and layout, built once when it opens.
#include "facegridmodel.h"
#include "mainwindow.h"
#include "peoplecontroller.h"
#include "personfiltermodel.h"
#include "personlistmodel.h"
#include "photogridmodel.h"
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

namespace {

constexpr int kMinZoom = 64;
constexpr int kMaxZoom = 256;

void setUpGrid(QListView *view)
{
    view->setViewMode(QListView::IconMode);
    view->setResizeMode(QListView::Adjust);
    view->setMovement(QListView::Static);
    view->setUniformItemSizes(true);
    view->setLayoutMode(QListView::Batched);
    view->setBatchSize(400);
    view->setSpacing(4);
    view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view->setContextMenuPolicy(Qt::CustomContextMenu);
    view->setWordWrap(true);
}

} // namespace

void MainWindow::buildActions()
{
    const auto make = [this](const QString &text, const QKeySequence &key, auto slot) {
        auto *a = new QAction(text, this);
        if (!key.isEmpty())
            a->setShortcut(key);
        connect(a, &QAction::triggered, this, slot);
        addAction(a);
        return a;
    };
    m_addFolder = make(tr("&Add Folder…"), QKeySequence::Open, &MainWindow::addFolder);
    m_rescan = make(tr("&Rescan"), QKeySequence::Refresh, &MainWindow::rescan);
    m_export = make(tr("&Export People…"), QKeySequence(tr("Ctrl+E")), &MainWindow::exportPeople);
    m_problems = make(tr("Show &Unreadable Photos…"), {}, &MainWindow::showProblems);
    m_quit = make(tr("&Quit"), QKeySequence::Quit, &QWidget::close);

    m_undo = m_controller->undoStack()->createUndoAction(this, tr("&Undo"));
    m_undo->setShortcut(QKeySequence::Undo);
    m_redo = m_controller->undoStack()->createRedoAction(this, tr("&Redo"));
    m_redo->setShortcuts({QKeySequence(tr("Ctrl+Shift+Z")), QKeySequence(tr("Ctrl+Y"))});
    m_rename = make(tr("Re&name Person"), QKeySequence(Qt::Key_F2), &MainWindow::renamePerson);
    m_merge = make(tr("&Merge Into…"), QKeySequence(tr("Ctrl+M")), &MainWindow::mergeInto);
    m_move =
        make(tr("M&ove Faces To…"), QKeySequence(tr("Ctrl+Shift+M")), &MainWindow::moveFacesTo);
    m_split = make(tr("&Split Into New Person"), QKeySequence(tr("Ctrl+Shift+N")),
                   &MainWindow::splitFaces);
    m_remove = make(tr("Re&move From Person"), QKeySequence::Delete, &MainWindow::removeFaces);
    m_notFace = make(tr("Not a &Face"), QKeySequence(tr("Shift+Del")), &MainWindow::markNotFace);
    m_hide = make(tr("&Hide Person"), QKeySequence(tr("Ctrl+H")), &MainWindow::toggleHidden);
    m_cover = make(tr("Set as &Cover"), QKeySequence(tr("Ctrl+Shift+C")), &MainWindow::setCover);
    m_birthDate =
        make(tr("Set &Birth Date…"), QKeySequence(tr("Ctrl+B")), &MainWindow::editBirthDate);
    m_birthDate->setObjectName(QStringLiteral("birthDate"));
    m_birthDate->setToolTip(tr("The person's birth date, for their age on each photo"));

    m_modeGroup = new QActionGroup(this);
    m_facesMode = make(tr("&Faces"), QKeySequence(tr("Ctrl+1")), [this] { setMode(Mode::Faces); });
    m_photosMode = make(tr("&Photos of Person"), QKeySequence(tr("Ctrl+2")),
                        [this] { setMode(Mode::Photos); });
    m_allPhotosMode =
        make(tr("&All Photos"), QKeySequence(tr("Ctrl+3")), [this] { setMode(Mode::AllPhotos); });
    for (QAction *a : {m_facesMode, m_photosMode, m_allPhotosMode}) {
        a->setCheckable(true);
        m_modeGroup->addAction(a);
    }
    m_facesMode->setChecked(true);
    m_zoomIn = make(tr("Zoom &In"), QKeySequence::ZoomIn,
                    [this] { m_zoom->setValue(m_zoom->value() + 32); });
    m_zoomOut = make(tr("Zoom &Out"), QKeySequence::ZoomOut,
                     [this] { m_zoom->setValue(m_zoom->value() - 32); });
    m_showHidden = make(tr("Show &Hidden People"), QKeySequence(tr("Ctrl+Shift+H")),
                        [this] { m_personFilter->setShowHidden(m_showHidden->isChecked()); });
    m_showHidden->setCheckable(true);
    m_sortByName = make(tr("Sort People by &Name"), {}, [this] {
        m_personFilter->setOrder(m_sortByName->isChecked() ? PersonFilterModel::Order::ByName
                                                           : PersonFilterModel::Order::ByFaces);
    });
    m_sortByName->setCheckable(true);
    m_showAges = make(tr("Show &Ages"), {}, &MainWindow::applyShowAges);
    m_showAges->setCheckable(true);
    m_showAges->setObjectName(QStringLiteral("showAges"));
    m_showAges->setToolTip(tr("Label each face and photo with the person's age then, for "
                              "people with a birth date"));
    m_groupByAge = make(tr("Group Photos by A&ge"), {},
                        [this] { m_photoModel->setGroupByAge(m_groupByAge->isChecked()); });
    m_groupByAge->setCheckable(true);
    m_groupByAge->setObjectName(QStringLiteral("groupByAge"));
    m_groupByAge->setToolTip(tr("Group the photos of a person with a birth date by their age "
                                "instead of by month"));
    m_unlikeFirst = make(tr("&Least Alike Faces First"), QKeySequence(tr("Ctrl+U")),
                         [this] { m_faceModel->setUnlikeFirst(m_unlikeFirst->isChecked()); });
    m_unlikeFirst->setCheckable(true);
    m_likeliestFirst =
        make(tr("Unknown Faces by &Likeliest Person"), {}, &MainWindow::updateLikeliestOrder);
    m_likeliestFirst->setCheckable(true);
    m_likeliestFirst->setToolTip(tr("Group the unknown faces by the person each most likely "
                                    "is, so they can be dragged to that person together"));
    m_unlikeFirst->setToolTip(tr("Show first the faces that look least like the rest of the "
                                 "person, so faces that do not belong are easy to spot"));

    m_recluster =
        make(tr("&Re-cluster…"), QKeySequence(tr("Ctrl+Shift+R")), &MainWindow::reclusterDialog);
    m_review_ = make(tr("Re&view…"), QKeySequence(tr("Ctrl+R")), &MainWindow::reviewPeople);
    m_review_->setToolTip(tr("Answer the questions the grouping is unsure of: same person or "
                             "not, and which faces belong to whom"));
    m_strictness = make(tr("Grouping &Strictness…"), {}, &MainWindow::strictnessDialog);
    m_about = make(tr("&About Facefolio"), {}, &MainWindow::about);
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addActions({m_addFolder, m_rescan});
    // The detector for the next scans; changing it re-detects on rescan.
    QMenu *detector = file->addMenu(tr("Face &Detector"));
    m_detectorGroup = new QActionGroup(this);
    const std::pair<FaceDetector, QString> detectors[] = {
        {FaceDetector::Both, tr("&Both (recommended): finds turned and small faces")},
        {FaceDetector::Hog, tr("&HOG only: fastest, frontal faces")},
        {FaceDetector::Ssd, tr("&SSD only")}};
    for (const auto &[which, text] : detectors) {
        QAction *a = detector->addAction(text);
        a->setCheckable(true);
        a->setData(int(which));
        a->setChecked(which == m_work->detector());
        m_detectorGroup->addAction(a);
    }
    connect(m_detectorGroup, &QActionGroup::triggered, this, [this](QAction *a) {
        m_work->setDetector(FaceDetector(a->data().toInt()));
        statusBar()->showMessage(tr("The next scan (File > Rescan) uses this detector."), 5000);
    });
    // The model that turns faces into signatures; changing it re-encodes
    // the catalog's faces before the next scan.
    QMenu *encoder = file->addMenu(tr("Face Recognition &Model"));
    m_encoderGroup = new QActionGroup(this);
    m_encoderGroup->setObjectName(QStringLiteral("encoderGroup"));
    const std::pair<EncoderModel, QString> encoders[] = {
        {EncoderModel::ArcFace, tr("&ArcFace (recommended): tells look-alike faces apart")},
        {EncoderModel::Dlib, tr("&dlib ResNet: the earlier model")}};
    for (const auto &[which, text] : encoders) {
        QAction *a = encoder->addAction(text);
        a->setCheckable(true);
        a->setData(int(which));
        a->setChecked(which == m_work->encoder());
        m_encoderGroup->addAction(a);
    }
    connect(m_encoderGroup, &QActionGroup::triggered, this,
            [this](QAction *a) { chooseEncoder(EncoderModel(a->data().toInt())); });
    file->addSeparator();
    file->addAction(m_export);
    file->addAction(m_problems);
    file->addSeparator();
    file->addAction(m_quit);
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addActions({m_undo, m_redo});
    edit->addSeparator();
    edit->addActions({m_rename, m_merge, m_hide, m_birthDate});
    edit->addSeparator();
    edit->addActions({m_move, m_split, m_remove, m_notFace, m_cover});
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addActions({m_facesMode, m_photosMode, m_allPhotosMode});
    view->addSeparator();
    view->addActions({m_zoomIn, m_zoomOut, m_unlikeFirst, m_likeliestFirst});
    view->addSeparator();
    view->addActions({m_showHidden, m_sortByName});
    view->addSeparator();
    view->addActions({m_showAges, m_groupByAge});
    QMenu *people = menuBar()->addMenu(tr("&People"));
    people->addAction(m_review_);
    people->addAction(m_strictness);
    people->addAction(m_recluster);
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_about);

    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_addFolder->setIcon(style()->standardIcon(QStyle::SP_DirOpenIcon));
    m_export->setIcon(style()->standardIcon(QStyle::SP_DialogSaveButton));
    m_undo->setIcon(style()->standardIcon(QStyle::SP_ArrowBack));
    m_redo->setIcon(style()->standardIcon(QStyle::SP_ArrowForward));
    bar->addActions({m_addFolder, m_export});
    bar->addSeparator();
    bar->addActions({m_undo, m_redo});
    // The undo texts name the whole step; on the toolbar they are tooltips.
    for (QAction *a : {m_undo, m_redo})
        if (auto *button = qobject_cast<QToolButton *>(bar->widgetForAction(a)))
            button->setToolButtonStyle(Qt::ToolButtonIconOnly);
    bar->addSeparator();
    bar->addActions({m_facesMode, m_photosMode, m_allPhotosMode});
}

void MainWindow::buildLayout()
{
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    m_filter = new QLineEdit(left);
    m_filter->setPlaceholderText(tr("Filter people"));
    m_filter->setClearButtonEnabled(true);
    m_peopleView = new QListView(left);
    m_peopleView->setModel(m_personFilter);
    m_peopleView->setIconSize(QSize(48, 48));
    m_peopleView->setSpacing(2);
    m_peopleView->setUniformItemSizes(true);
    // Ctrl+click or Shift+click selects several people: their photos together.
    m_peopleView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_peopleView->setDragDropMode(QAbstractItemView::DragDrop);
    m_peopleView->setDragDropOverwriteMode(true);
    m_peopleView->setDefaultDropAction(Qt::MoveAction);
    m_peopleView->setDropIndicatorShown(true);
    m_peopleView->setEditTriggers(QAbstractItemView::EditKeyPressed |
                                  QAbstractItemView::DoubleClicked);
    m_peopleView->setContextMenuPolicy(Qt::CustomContextMenu);
    m_peopleView->setAccessibleName(tr("People"));
    // "n questions": the way into the Review view, shown while any are open.
    m_reviewBadge = new QToolButton(left);
    m_reviewBadge->setAutoRaise(true);
    m_reviewBadge->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_reviewBadge->setToolTip(tr("Review the people the grouping is unsure of (Ctrl+R)"));
    m_reviewBadge->setAccessibleName(tr("Review questions"));
    m_reviewBadge->hide();
    leftLayout->addWidget(m_filter);
    leftLayout->addWidget(m_reviewBadge);
    leftLayout->addWidget(m_peopleView);

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    auto *header = new QHBoxLayout;
    m_heading = new QLabel(right);
    QFont f = m_heading->font();
    f.setPointSizeF(f.pointSizeF() * 1.3);
    f.setBold(true);
    m_heading->setFont(f);
    m_zoom = new QSlider(Qt::Horizontal, right);
    m_zoom->setRange(kMinZoom, kMaxZoom);
    m_zoom->setValue(112);
    m_zoom->setMaximumWidth(160);
    m_zoom->setToolTip(tr("Thumbnail size"));
    header->addWidget(m_heading, 1);
    m_onlyThem = new QCheckBox(tr("Only them (people without a name don't count)"), right);
    m_onlyThem->setToolTip(tr("Leave out photos where another named person appears too. "
                              "Strangers in the background, whom you have not named, do not "
                              "count."));
    m_onlyThem->setVisible(false);
    header->addWidget(m_onlyThem);
    header->addWidget(new QLabel(tr("Size:"), right));
    header->addWidget(m_zoom);
    m_stack = new QStackedWidget(right);
    m_faceView = new QListView(m_stack);
    setUpGrid(m_faceView);
    m_faceView->setModel(m_faceModel);
    m_faceView->setDragEnabled(true);
    m_faceView->setDragDropMode(QAbstractItemView::DragOnly);
    m_faceView->setDefaultDropAction(Qt::MoveAction);
    m_faceView->setAccessibleName(tr("Faces"));
    m_photoView = new QListView(m_stack);
    setUpGrid(m_photoView);
    m_photoView->setModel(m_photoModel);
    m_photoView->setAccessibleName(tr("Photos"));
    m_stack->addWidget(m_faceView);
    m_stack->addWidget(m_photoView);
    rightLayout->addLayout(header);
    rightLayout->addWidget(m_stack, 1);

    m_splitter = new QSplitter(this);
    m_splitter->addWidget(left);
    m_splitter->addWidget(right);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({280, 900});
    setCentralWidget(m_splitter);

    m_statusText = new QLabel(this);
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(240);
    m_rate = new QLabel(this);
    m_cancel = new QToolButton(this);
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop; what was done so far is kept (Esc)"));
    m_cancel->setShortcut(QKeySequence(Qt::Key_Escape));
    connect(m_cancel, &QToolButton::clicked, m_work, &BackgroundWork::cancel);
    statusBar()->addWidget(m_statusText, 1);
    statusBar()->addPermanentWidget(m_rate);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancel);
    resize(1200, 800);
}

} // namespace facefolio
