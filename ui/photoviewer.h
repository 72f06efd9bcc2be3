#pragma once

#include <QDialog>
#include <QFutureWatcher>
#include <QImage>

class QPushButton;

namespace facefolio {

class Catalog;
class PhotoCanvas;

/// One photo, whole, with every face's box drawn and labelled with its
/// person; the face the user came from is highlighted. The photo is decoded
/// off the UI thread.
class PhotoViewer final : public QDialog
{
    Q_OBJECT

public:
    PhotoViewer(Catalog &catalog, qint64 photoId, qint64 highlightFaceId = 0,
                QWidget *parent = nullptr);
    ~PhotoViewer() override;

    /// True once the photo is shown (or failed to load).
    bool isLoaded() const { return m_loaded; }
    /// The labels drawn on the photo, for tests.
    QStringList labels() const;
    /// The widget the photo is painted on (mouse events, for tests).
    QWidget *canvas() const;
    /// Shows a face added since the viewer opened.
    void addBox(const QRect &box, const QString &label);

public Q_SLOTS:
    /// The next drag on the photo draws a face (D).
    void startDrawing();

Q_SIGNALS:
    void loaded();
    /// The user drew a box around a face (in the photo's display pixels).
    void faceDrawn(qint64 photoId, const QRect &box);

private:
    PhotoCanvas *m_canvas = nullptr;
    QPushButton *m_draw = nullptr;
    QFutureWatcher<QImage> m_watcher;
    bool m_loaded = false;
};

} // namespace facefolio
