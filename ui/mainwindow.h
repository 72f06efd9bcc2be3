#pragma once

#include "backgroundwork.h"
#include "catalog/detectedface.h"

#include <QFuture>
#include <QMainWindow>
#include <QPointer>
#include <functional>
#include <memory>
#include <optional>

class QAction;
class QActionGroup;
class QCheckBox;
class QLabel;
class QLineEdit;
class QMenu;
class QListView;
class QProgressBar;
class QSlider;
class QStackedWidget;
class QToolButton;
class QSplitter;

namespace facefolio {

class FaceGridModel;
class PeopleController;
class PersonFilterModel;
class PersonListModel;
class PhotoGridModel;
class PhotoViewer;
class ReviewDialog;
class ReviewSession;
class ThumbnailCache;

/// Facefolio's window: the people list on the left, the selected person's
/// faces (or photos, or every photo) on the right, scanning and clustering
/// in the background with progress and Cancel in the status bar. Every edit
/// goes through the people controller and can be undone.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    enum class Mode
    {
        Faces,
        Photos,
        AllPhotos
    };

    explicit MainWindow(const QString &catalogPath, QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Opens the catalog; false with errorString() when it cannot be used.
    bool open();
    QString errorString() const { return m_error; }

    PeopleController *controller() const { return m_controller.get(); }
    BackgroundWork *work() const { return m_work; }
    PersonListModel *personModel() const { return m_personModel; }
    PersonFilterModel *personFilter() const { return m_personFilter; }
    FaceGridModel *faceModel() const { return m_faceModel; }
    PhotoGridModel *photoModel() const { return m_photoModel; }
    QListView *peopleView() const { return m_peopleView; }
    QListView *faceView() const { return m_faceView; }
    QListView *photoView() const { return m_photoView; }
    /// The person shown on the right (PersonListModel ids), or 0.
    qint64 currentPerson() const { return m_current; }
    /// The persons selected together (two or more, in the order they were
    /// picked), whose photos together the Photos view shows; else empty.
    QList<qint64> togetherPersons() const { return m_together; }
    /// "Only them": the together view leaves out photos with other named people.
    QCheckBox *onlyThemBox() const { return m_onlyThem; }
    QLabel *heading() const { return m_heading; }
    QList<qint64> selectedFaces() const;
    ReviewSession *reviewSession() const { return m_review; }
    /// The Review view, once People > Review… opened it.
    ReviewDialog *reviewDialog() const;
    QToolButton *reviewBadge() const { return m_reviewBadge; }
    /// Opens the photo viewer on a photo (a window of its own, closed with
    /// the main window), wired to the edits it asks for.
    PhotoViewer *showPhoto(qint64 photoId, qint64 highlightFaceId = 0);

public Q_SLOTS:
    void scanFolders(const QStringList &folders);
    void selectPerson(qint64 personId);
    /// Selects these persons in the people list: two or more show their
    /// photos together.
    void selectPersons(const QList<qint64> &personIds);
    void setMode(facefolio::MainWindow::Mode mode);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildActions();
    void buildMenus();
    void buildLayout();
    void restoreSettings();
    void saveSettings();

    void refresh();
    void showPerson();
    /// The photos of the selected persons together, with the heading.
    void showTogether();
    /// Whether the right side shows the photos of several persons together.
    bool showingTogether() const { return m_together.size() > 1 && m_mode != Mode::AllPhotos; }
    /// View > Show Ages, as checked: captions of both grids and their tile size.
    void applyShowAges();
    /// The people list's selection changed: one person, or several together.
    void onPeopleSelectionChanged();
    /// "Set Birth Date…" of the person shown: a date dialog, one undoable step.
    void editBirthDate();
    /// "Mom + Minji", or "Mom, Minji and Dad" with `forHeading`.
    QString togetherNames(bool forHeading) const;
    void updateActions();
    void setZoom(int side);
    void onJobChanged(BackgroundWork::Job job);
    void onProgress(int done, int total, double rate, const QString &text);
    void onScanFinished(const ScanSummary &summary);
    void onClusterFinished(const ClusterSummary &summary, bool recorded);
    void onModelsMissing(const QString &message);
    void onReencodeFinished(const ReencodeSummary &summary);
    /// The user picked a face-recognition model in the File menu.
    void chooseEncoder(EncoderModel model);

    void addFolder();
    void rescan();
    void exportPeople();
    void showProblems();
    void reclusterDialog();
    /// People > Review…: the open questions, one at a time.
    void reviewPeople();
    /// People > Grouping Strictness…: a slider with a live preview.
    void strictnessDialog();
    /// A face drawn in the photo viewer: asks whose it is, analyses it off
    /// the UI thread and adds it as a manual face (one undoable step).
    void addDrawnFace(facefolio::PhotoViewer *viewer, qint64 photoId, const QRect &box);
    /// A drawn face moved or resized in the viewer: analysed again from its
    /// new box off the UI thread, then one undoable step.
    void redrawFace(facefolio::PhotoViewer *viewer, qint64 faceId, const QRect &box);
    /// "This photo also shows…": asks for the person and tags it.
    void tagPhoto(qint64 photoId);
    /// Analyses a box of a photo off the UI thread, then calls `done` on the
    /// UI thread with the face, or nullopt and why not.
    void analyseBox(qint64 photoId, const QRect &box,
                    std::function<void(const std::optional<DetectedFace> &, const QString &)> done);
    void updateReviewBadge();
    /// The faces' context menu: "Move to" each of a face's likeliest persons.
    void addLikeliestActions(QMenu &menu);
    /// Unknown faces grouped by their likeliest person (View menu), kept
    /// up to date as the questions are ranked again.
    void updateLikeliestOrder();
    void renamePerson();
    void mergeInto();
    void moveFacesTo();
    void splitFaces();
    void removeFaces();
    void markNotFace();
    void toggleHidden();
    void setCover();
    void onFacesDropped(const QList<qint64> &faceIds, qint64 targetId);
    void onPersonDropped(qint64 fromId, qint64 intoId);
    void openPhoto(const QModelIndex &index);
    void peopleContextMenu(const QPoint &pos);
    void facesContextMenu(const QPoint &pos);
    void about();
    /// Asks for a person other than `exclude`; 0 when cancelled,
    /// PersonListModel::kNewPerson when `allowNew` and chosen.
    qint64 choosePerson(const QString &title, qint64 exclude, bool allowNew);

    QString m_error;
    std::unique_ptr<PeopleController> m_controller;
    ThumbnailCache *m_thumbnails = nullptr;
    BackgroundWork *m_work = nullptr;
    PersonListModel *m_personModel = nullptr;
    PersonFilterModel *m_personFilter = nullptr;
    FaceGridModel *m_faceModel = nullptr;
    PhotoGridModel *m_photoModel = nullptr;
    ReviewSession *m_review = nullptr;
    QPointer<ReviewDialog> m_reviewDialog;
    QToolButton *m_reviewBadge = nullptr;

    QSplitter *m_splitter = nullptr;
    QLineEdit *m_filter = nullptr;
    QListView *m_peopleView = nullptr;
    QStackedWidget *m_stack = nullptr;
    QListView *m_faceView = nullptr;
    QListView *m_photoView = nullptr;
    QLabel *m_heading = nullptr;
    QCheckBox *m_onlyThem = nullptr;
    QSlider *m_zoom = nullptr;
    QLabel *m_statusText = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_rate = nullptr;
    QToolButton *m_cancel = nullptr;

    QAction *m_addFolder = nullptr, *m_rescan = nullptr, *m_export = nullptr, *m_problems = nullptr,
            *m_quit = nullptr;
    QAction *m_undo = nullptr, *m_redo = nullptr, *m_rename = nullptr, *m_merge = nullptr,
            *m_move = nullptr, *m_split = nullptr, *m_remove = nullptr, *m_notFace = nullptr,
            *m_hide = nullptr, *m_cover = nullptr, *m_birthDate = nullptr;
    QAction *m_facesMode = nullptr, *m_photosMode = nullptr, *m_allPhotosMode = nullptr,
            *m_zoomIn = nullptr, *m_zoomOut = nullptr, *m_showHidden = nullptr,
            *m_sortByName = nullptr, *m_unlikeFirst = nullptr, *m_likeliestFirst = nullptr,
            *m_showAges = nullptr, *m_groupByAge = nullptr;
    QAction *m_recluster = nullptr, *m_review_ = nullptr, *m_strictness = nullptr,
            *m_about = nullptr;
    QActionGroup *m_detectorGroup = nullptr;
    QActionGroup *m_encoderGroup = nullptr;
    QActionGroup *m_modeGroup = nullptr;

    Mode m_mode = Mode::Faces;
    qint64 m_current = 0;
    QList<qint64> m_together;
    bool m_userChosePerson = false; ///< the user picked a person since the window opened
    QStringList m_folders;
    QString m_lastScanText;
    /// Removing the tile copies of photos moved since, after a scan.
    QFuture<void> m_pruneCopies;
    QStringList m_pendingFolders;
    ClusterOptions m_clusterOptions;
    /// A re-encoding finished and its regrouping has not reported yet.
    bool m_regroupPending = false;
};

} // namespace facefolio
