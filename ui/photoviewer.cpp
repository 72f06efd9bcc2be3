#include "photoviewer.h"

#include "analysis/photoloader.h"
#include "catalog/catalog.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent>
#include <functional>

namespace facefolio {

/// Paints the photo scaled to fit, and the boxes over it.
class PhotoCanvas final : public QWidget
{
public:
    struct Box
    {
        QRect rect; ///< in the photo's display coordinates
        QString label;
        bool highlight;
    };

    explicit PhotoCanvas(QWidget *parent)
        : QWidget(parent)
    {
        setMinimumSize(480, 360);
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    }

    QSize fullSize;
    QImage image;
    QString message;
    std::vector<Box> boxes;
    bool drawing = false;             ///< D: the next drag draws a face
    QRect dragged;                    ///< the box being drawn, in widget pixels
    std::function<void(QRect)> drawn; ///< called with the box in photo pixels

    /// Where the photo is painted in the widget.
    QRect target() const
    {
        const QSize shown =
            (image.isNull() ? fullSize : image.size()).scaled(size(), Qt::KeepAspectRatio);
        return QRect(QPoint((width() - shown.width()) / 2, (height() - shown.height()) / 2), shown);
    }

protected:
    void mousePressEvent(QMouseEvent *e) override
    {
        if (drawing && e->button() == Qt::LeftButton)
            dragged = QRect(e->pos(), QSize(1, 1));
    }
    void mouseMoveEvent(QMouseEvent *e) override
    {
        if (!dragged.isNull()) {
            dragged.setBottomRight(e->pos());
            update();
        }
    }
    void mouseReleaseEvent(QMouseEvent *e) override
    {
        if (dragged.isNull() || e->button() != Qt::LeftButton)
            return;
        dragged.setBottomRight(e->pos());
        const QRect t = target();
        const double f = double(std::max(1, fullSize.width())) / std::max(1, t.width());
        const QRect r = dragged.normalized().intersected(t);
        dragged = {};
        drawing = false;
        unsetCursor();
        update();
        const QRect photo(int((r.x() - t.x()) * f), int((r.y() - t.y()) * f), int(r.width() * f),
                          int(r.height() * f));
        if (photo.width() >= 8 && photo.height() >= 8 && drawn)
            drawn(photo);
    }
    void paintEvent(QPaintEvent *) override
    {
        QPainter p(this);
        p.fillRect(rect(), palette().window());
        if (image.isNull()) {
            p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, message);
            return;
        }
        const QRect target = this->target();
        const QSize shown = target.size();
        p.setRenderHint(QPainter::SmoothPixmapTransform);
        p.drawImage(target, image);
        const double f = double(shown.width()) / std::max(1, fullSize.width());
        QFont font = p.font();
        font.setBold(true);
        p.setFont(font);
        for (const Box &b : boxes) {
            const QRect r(target.left() + int(b.rect.x() * f), target.top() + int(b.rect.y() * f),
                          int(b.rect.width() * f), int(b.rect.height() * f));
            const QColor c = b.highlight ? QColor(255, 196, 0) : QColor(64, 160, 255);
            p.setPen(QPen(c, b.highlight ? 3 : 2));
            p.setBrush(Qt::NoBrush);
            p.drawRect(r);
            const QRect text = p.fontMetrics().boundingRect(b.label).adjusted(-4, -2, 4, 2);
            const QRect tag(QPoint(r.left(), r.bottom() + 2), text.size());
            p.fillRect(tag, QColor(0, 0, 0, 170));
            p.setPen(Qt::white);
            p.drawText(tag, Qt::AlignCenter, b.label);
        }
        if (!dragged.isNull()) {
            p.setPen(QPen(QColor(255, 196, 0), 2, Qt::DashLine));
            p.drawRect(dragged.normalized());
        }
    }
};

PhotoViewer::PhotoViewer(Catalog &catalog, qint64 photoId, qint64 highlightFaceId, QWidget *parent)
    : QDialog(parent)
    , m_canvas(new PhotoCanvas(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_canvas, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    // D (or the button): drag a box around a face the detector missed.
    m_draw = buttons->addButton(tr("&Draw a Face"), QDialogButtonBox::ActionRole);
    m_draw->setToolTip(tr("Drag a box around a face that was not found (D)"));
    m_draw->setShortcut(QKeySequence(Qt::Key_D));
    connect(m_draw, &QPushButton::clicked, this, &PhotoViewer::startDrawing);
    m_canvas->drawn = [this, photoId](const QRect &box) { Q_EMIT faceDrawn(photoId, box); };
    layout->addWidget(buttons);
    resize(1000, 760);

    const auto photo = catalog.photo(photoId);
    if (!photo) {
        m_canvas->message = tr("This photo is no longer in the catalog.");
        m_loaded = true;
        return;
    }
    setWindowTitle(QFileInfo(photo->path).fileName());
    m_canvas->fullSize = QSize(photo->width, photo->height);
    for (const FaceRecord &f : catalog.facesOfPhoto(photoId))
        m_canvas->boxes.push_back(
            {f.box,
             f.personId
                 ? (f.personName.isEmpty() ? tr("Unnamed %1").arg(*f.personId) : f.personName)
                 : tr("Unknown"),
             f.id == highlightFaceId});
    m_canvas->message = tr("Loading %1…").arg(photo->path);

    connect(&m_watcher, &QFutureWatcher<QImage>::finished, this, [this, path = photo->path] {
        m_canvas->image = m_watcher.result();
        if (m_canvas->image.isNull())
            m_canvas->message =
                tr("%1 cannot be shown: %2")
                    .arg(path, QFileInfo::exists(path) ? tr("the file cannot be decoded")
                                                       : tr("the file is missing"));
        m_loaded = true;
        m_canvas->update();
        Q_EMIT loaded();
    });
    m_watcher.setFuture(QtConcurrent::run(
        [path = photo->path] { return PhotoLoader::load(path, 2048, 2560, nullptr); }));
}

PhotoViewer::~PhotoViewer()
{
    m_watcher.disconnect(this);
    m_watcher.waitForFinished();
}

void PhotoViewer::startDrawing()
{
    m_canvas->drawing = true;
    m_canvas->setCursor(Qt::CrossCursor);
}

void PhotoViewer::addBox(const QRect &box, const QString &label)
{
    m_canvas->boxes.push_back({box, label, true});
    m_canvas->update();
}

QWidget *PhotoViewer::canvas() const
{
    return m_canvas;
}

QStringList PhotoViewer::labels() const
{
    QStringList out;
    for (const PhotoCanvas::Box &b : m_canvas->boxes)
        out << b.label;
    return out;
}

} // namespace facefolio
