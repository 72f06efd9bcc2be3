#pragma once

#include <QDialog>
#include <QFutureWatcher>
#include <QImage>

class QHBoxLayout;
class QLabel;
class QPushButton;

namespace facefolio {

class Catalog;
class PhotoCanvas;

/// One photo, whole, with every face's box drawn and labelled with its
/// person; the face the user came from is highlighted. The photo is decoded
/// off the UI thread.
///
/// Faces the detector missed are drawn here (D, then a drag). A drawn face
/// is selected by a click, moved by dragging it, resized by dragging a
/// corner and removed with Delete; detected faces stay as the scan found
/// them. Under the photo, the persons in it: a click shows that person in
/// the main window. "This photo also shows…" (T) tags a person without a
/// face; each tag is listed with a button that takes it off.
/// The viewer only asks (its signals); the main window makes each change as
/// one undoable edit and calls reloadFaces().
class PhotoViewer final : public QDialog
{
    Q_OBJECT

public:
    PhotoViewer(Catalog &catalog, qint64 photoId, qint64 highlightFaceId = 0,
                QWidget *parent = nullptr);
    ~PhotoViewer() override;

    qint64 photoId() const { return m_photoId; }
    /// True once the photo is shown (or failed to load).
    bool isLoaded() const { return m_loaded; }
    /// The labels drawn on the photo, for tests.
    QStringList labels() const;
    /// The box of a face shown (photo pixels); null when it is not shown.
    QRect boxOf(qint64 faceId) const;
    /// The names tagged without a face, for tests.
    QStringList tagNames() const;
    /// The persons listed under the photo (faces first, then tags), for tests.
    QList<qint64> personsShown() const;
    /// The drawn face selected (0: none).
    qint64 selectedFace() const;
    /// Where a point of the photo is on the canvas, for tests.
    QPoint canvasPoint(const QPoint &photoPoint) const;
    /// The widget the photo is painted on (mouse events, for tests).
    QWidget *canvas() const;
    /// Shows a face added since the viewer opened.
    void addBox(const QRect &box, const QString &label);

public Q_SLOTS:
    /// The next drag on the photo draws a face (D).
    void startDrawing();
    /// Reads the photo's faces and tags again (after an edit, undo or redo).
    void reloadFaces();
    /// Asks to remove the selected drawn face (Delete).
    void removeSelected();

Q_SIGNALS:
    void loaded();
    /// The user drew a box around a face (in the photo's display pixels).
    void faceDrawn(qint64 photoId, const QRect &box);
    /// The user moved or resized a drawn face to this box.
    void faceRedrawn(qint64 faceId, const QRect &box);
    /// The user asked to take a drawn face off the photo.
    void faceRemoveRequested(qint64 faceId);
    /// "This photo also shows…": the user wants to tag a person.
    void tagRequested(qint64 photoId);
    void untagRequested(qint64 photoId, qint64 personId);
    /// A person listed under the photo was clicked: show them.
    void personRequested(qint64 personId);
    /// Ctrl+Z / Ctrl+Shift+Z in the viewer: the main window's undo and redo.
    void undoRequested();
    void redoRequested();

protected:
    /// Ctrl+Z, Ctrl+Shift+Z, Delete; Escape leaves drawing before it closes.
    void keyPressEvent(QKeyEvent *event) override;

private:
    void selectionChanged();

    Catalog &m_catalog;
    qint64 m_photoId = 0;
    qint64 m_highlight = 0;
    PhotoCanvas *m_canvas = nullptr;
    QPushButton *m_draw = nullptr;
    QPushButton *m_remove = nullptr;
    QPushButton *m_tag = nullptr;
    QWidget *m_tags = nullptr;
    QHBoxLayout *m_tagRow = nullptr;
    QFutureWatcher<QImage> m_watcher;
    bool m_loaded = false;
};

} // namespace facefolio
