#pragma once

#include <QDialog>
#include <QFutureWatcher>
#include <QImage>

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

Q_SIGNALS:
    void loaded();

private:
    PhotoCanvas *m_canvas = nullptr;
    QFutureWatcher<QImage> m_watcher;
    bool m_loaded = false;
};

} // namespace facefolio
