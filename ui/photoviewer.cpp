#include "photoviewer.h"

#include "analysis/photoloader.h"
#include "catalog/catalog.h"
#include "people/peopleservice.h"
#include "people/personage.h"

#include <QContextMenuEvent>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent>
#include <algorithm>
#include <cmath>
#include <functional>

namespace facefolio {

/// Paints the photo scaled to fit, and the boxes over it; draws new boxes
/// and moves or resizes drawn ones under the mouse.
class PhotoCanvas final : public QWidget
{
public:
    struct Box
    {
        qint64 face = 0; ///< 0: added since, not yet reloaded
        QRect rect;      ///< in the photo's display coordinates
        QString label;
        bool highlight = false;
        bool manual = false; ///< drawn by hand: can be moved, resized, removed
    };

    explicit PhotoCanvas(QWidget *parent)
        : QWidget(parent)
    {
        setMinimumSize(480, 360);
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
        setMouseTracking(true);
        setFocusPolicy(Qt::StrongFocus);
    }

    QSize fullSize;
    QImage image;
    QString message;
    std::vector<Box> boxes;
    bool drawing = false;                        ///< D: the next drag draws a face
    QRect dragged;                               ///< the box being drawn, in widget pixels
    std::function<void(QRect)> drawn;            ///< called with the box in photo pixels
    std::function<void(qint64, QRect)> redrawn;  ///< a drawn face moved or resized
    std::function<void(qint64)> removeRequested; ///< context menu: remove
    std::function<void()> selectionChanged;
    qint64 selected = 0; ///< the drawn face selected

    /// Where the photo is painted in the widget.
    QRect target() const
    {
        const QSize shown =
            (image.isNull() ? fullSize : image.size()).scaled(size(), Qt::KeepAspectRatio);
        return QRect(QPoint((width() - shown.width()) / 2, (height() - shown.height()) / 2), shown);
    }
    double scale() const { return double(target().width()) / std::max(1, fullSize.width()); }
    QRect toWidget(const QRect &r) const
    {
        const QRect t = target();
        const double f = scale();
        return QRect(t.left() + int(r.x() * f), t.top() + int(r.y() * f), int(r.width() * f),
                     int(r.height() * f));
    }
    QPoint toWidget(const QPoint &p) const
    {
        const QRect t = target();
        const double f = scale();
        return QPoint(t.left() + int(p.x() * f), t.top() + int(p.y() * f));
    }
    /// A widget rectangle in photo pixels, kept inside the photo.
    QRect toPhoto(const QRect &r) const
    {
        const QRect t = target();
        const double f = 1.0 / std::max(1e-9, scale());
        const QRect in = r.normalized().intersected(t);
        return QRect(int((in.x() - t.x()) * f), int((in.y() - t.y()) * f), int(in.width() * f),
                     int(in.height() * f));
    }
    const Box *find(qint64 face) const
    {
        for (const Box &b : boxes)
            if (b.face == face)
                return &b;
        return nullptr;
    }

protected:
    enum class Drag
    {
        None,
        Move,
        Resize
    };

    /// The drawn box under a point, and whether the point is on its corner.
    const Box *hit(const QPoint &pos, bool *corner) const
    {
        constexpr int kGrip = 10;
        for (auto it = boxes.rbegin(); it != boxes.rend(); ++it) {
            if (!it->manual || !it->face)
                continue;
            const QRect r = toWidget(it->rect);
            for (const QPoint c : {r.topLeft(), r.topRight(), r.bottomLeft(), r.bottomRight()})
                if ((pos - c).manhattanLength() <= kGrip) {
                    *corner = true;
                    return &*it;
                }
            if (r.contains(pos)) {
                *corner = false;
                return &*it;
            }
        }
        return nullptr;
    }

    void mousePressEvent(QMouseEvent *e) override
    {
        if (e->button() != Qt::LeftButton)
            return;
        if (drawing) {
            dragged = QRect(e->pos(), QSize(1, 1));
            return;
        }
        bool corner = false;
        const Box *b = hit(e->pos(), &corner);
        const qint64 was = selected;
        selected = b ? b->face : 0;
        m_drag = Drag::None;
        if (b) {
            const QRect r = toWidget(b->rect);
            m_start = e->pos();
            m_original = r;
            m_originalPhoto = b->rect;
            m_drag = corner ? Drag::Resize : Drag::Move;
            if (corner) {
                // Resized from the corner grabbed; the opposite one stays.
                const QPoint centre = r.center();
                m_anchor = QPoint(e->pos().x() < centre.x() ? r.right() : r.left(),
                                  e->pos().y() < centre.y() ? r.bottom() : r.top());
            }
        }
        m_live = {};
        update();
        if (was != selected && selectionChanged)
            selectionChanged();
    }
    void mouseMoveEvent(QMouseEvent *e) override
    {
        if (!dragged.isNull()) {
            dragged.setBottomRight(e->pos());
            update();
            return;
        }
        if (m_drag == Drag::Move)
            m_live = m_original.translated(e->pos() - m_start);
        else if (m_drag == Drag::Resize)
            m_live = QRect(m_anchor, e->pos()).normalized();
        else {
            bool corner = false;
            const Box *b = hit(e->pos(), &corner);
            setCursor(drawing  ? Qt::CrossCursor
                      : !b     ? Qt::ArrowCursor
                      : corner ? Qt::SizeFDiagCursor
                               : Qt::SizeAllCursor);
            return;
        }
        update();
    }
    void mouseReleaseEvent(QMouseEvent *e) override
    {
        if (e->button() != Qt::LeftButton)
            return;
        if (!dragged.isNull()) {
            dragged.setBottomRight(e->pos());
            const QRect photo = toPhoto(dragged);
            dragged = {};
            drawing = false;
            unsetCursor();
            update();
            if (photo.width() >= 8 && photo.height() >= 8 && drawn)
                drawn(photo);
            return;
        }
        const Drag drag = std::exchange(m_drag, Drag::None);
        if (drag == Drag::None)
            return;
        if (drag == Drag::Move)
            m_live = m_original.translated(e->pos() - m_start);
        else
            m_live = QRect(m_anchor, e->pos()).normalized();
        const QRect live = std::exchange(m_live, {});
        update();
        // A click, or a wiggle of a pixel or two, is a selection, not a move.
        if ((live.topLeft() - m_original.topLeft()).manhattanLength() <= 2 &&
            (live.bottomRight() - m_original.bottomRight()).manhattanLength() <= 2)
            return;
        QRect photo = toPhoto(live);
        if (drag == Drag::Move) {
            // Moved in photo pixels, so the box keeps its size exactly, and
            // kept inside the photo.
            const double f = 1.0 / std::max(1e-9, scale());
            const QPoint delta = e->pos() - m_start;
            photo = m_originalPhoto.translated(int(std::lround(delta.x() * f)),
                                               int(std::lround(delta.y() * f)));
            photo.moveLeft(
                std::clamp(photo.left(), 0, std::max(0, fullSize.width() - photo.width())));
            photo.moveTop(
                std::clamp(photo.top(), 0, std::max(0, fullSize.height() - photo.height())));
        }
        if (photo.width() >= 8 && photo.height() >= 8 && redrawn && selected)
            redrawn(selected, photo);
    }
    void contextMenuEvent(QContextMenuEvent *e) override
    {
        bool corner = false;
        const Box *b = hit(e->pos(), &corner);
        if (!b || !removeRequested)
            return;
        const qint64 face = b->face;
        QMenu menu(this);
        menu.addAction(QCoreApplication::translate("facefolio::PhotoViewer", "Remove This Face"),
                       this, [this, face] { removeRequested(face); });
        menu.exec(e->globalPos());
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
        p.setRenderHint(QPainter::SmoothPixmapTransform);
        p.drawImage(target, image);
        QFont font = p.font();
        font.setBold(true);
        p.setFont(font);
        for (const Box &b : boxes) {
            const bool chosen = b.face && b.face == selected;
            const QRect r = chosen && !m_live.isNull() ? m_live : toWidget(b.rect);
            const QColor c = b.highlight || chosen ? QColor(255, 196, 0)
                             : b.manual            ? QColor(120, 220, 120)
                                                   : QColor(64, 160, 255);
            p.setPen(
                QPen(c, b.highlight || chosen ? 3 : 2, b.manual ? Qt::DashLine : Qt::SolidLine));
            p.setBrush(Qt::NoBrush);
            p.drawRect(r);
            if (chosen) {
                // The corners that resize it.
                p.setBrush(c);
                for (const QPoint k : {r.topLeft(), r.topRight(), r.bottomLeft(), r.bottomRight()})
                    p.drawRect(QRect(k - QPoint(4, 4), QSize(8, 8)));
                p.setBrush(Qt::NoBrush);
            }
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

private:
    Drag m_drag = Drag::None;
    QPoint m_start, m_anchor;
    QRect m_original, m_live; ///< widget pixels
    QRect m_originalPhoto;    ///< the dragged box before, in photo pixels
};

PhotoViewer::PhotoViewer(Catalog &catalog, qint64 photoId, qint64 highlightFaceId, QWidget *parent)
    : QDialog(parent)
    , m_catalog(catalog)
    , m_photoId(photoId)
    , m_highlight(highlightFaceId)
    , m_canvas(new PhotoCanvas(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_canvas, 1);
    // Persons tagged without a face, each with a button that takes it off.
    m_tags = new QWidget(this);
    m_tagRow = new QHBoxLayout(m_tags);
    m_tagRow->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tags);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    // D (or the button): drag a box around a face the detector missed.
    m_draw = buttons->addButton(tr("&Draw a Face"), QDialogButtonBox::ActionRole);
    m_draw->setToolTip(tr("Drag a box around a face that was not found (D). A face you drew "
                          "can be moved by dragging it, resized by its corners and removed "
                          "with Delete."));
    m_draw->setShortcut(QKeySequence(Qt::Key_D));
    connect(m_draw, &QPushButton::clicked, this, &PhotoViewer::startDrawing);
    m_remove = buttons->addButton(tr("&Remove Face"), QDialogButtonBox::ActionRole);
    m_remove->setToolTip(tr("Take the face you drew off this photo (Delete)"));
    m_remove->setEnabled(false);
    connect(m_remove, &QPushButton::clicked, this, &PhotoViewer::removeSelected);
    m_tag = buttons->addButton(tr("This Photo Also &Shows…"), QDialogButtonBox::ActionRole);
    m_tag->setToolTip(tr("Tag a person who is in the photo without a usable face: a back, a far "
                         "profile, a child under a hat (T)"));
    m_tag->setShortcut(QKeySequence(Qt::Key_T));
    connect(m_tag, &QPushButton::clicked, this, [this] { Q_EMIT tagRequested(m_photoId); });
    m_canvas->drawn = [this](const QRect &box) { Q_EMIT faceDrawn(m_photoId, box); };
    m_canvas->redrawn = [this](qint64 face, const QRect &box) { Q_EMIT faceRedrawn(face, box); };
    m_canvas->removeRequested = [this](qint64 face) { Q_EMIT faceRemoveRequested(face); };
    m_canvas->selectionChanged = [this] { selectionChanged(); };
    layout->addWidget(buttons);
    resize(1000, 760);

    const auto photo = catalog.photo(photoId);
    if (!photo) {
        m_canvas->message = tr("This photo is no longer in the catalog.");
        m_draw->setEnabled(false);
        m_tag->setEnabled(false);
        m_loaded = true;
        return;
    }
    setWindowTitle(QFileInfo(photo->path).fileName());
    m_canvas->fullSize = QSize(photo->width, photo->height);
    reloadFaces();
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

void PhotoViewer::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Undo))
        Q_EMIT undoRequested();
    else if (event->matches(QKeySequence::Redo))
        Q_EMIT redoRequested();
    else if (event->matches(QKeySequence::Delete) || event->key() == Qt::Key_Backspace)
        removeSelected();
    else if (event->key() == Qt::Key_Escape && m_canvas->drawing) {
        m_canvas->drawing = false;
        m_canvas->unsetCursor();
    } else {
        QDialog::keyPressEvent(event);
        return;
    }
    event->accept();
}

void PhotoViewer::startDrawing()
{
    m_canvas->drawing = true;
    m_canvas->setCursor(Qt::CrossCursor);
}

void PhotoViewer::reloadFaces()
{
    m_canvas->boxes.clear();
    std::vector<qint64> shown;
    for (const FaceRecord &f : m_catalog.facesOfPhoto(m_photoId)) {
        if (f.personId && std::find(shown.begin(), shown.end(), *f.personId) == shown.end())
            shown.push_back(*f.personId);
        m_canvas->boxes.push_back(
            {f.id, f.box,
             f.personId
                 ? (f.personName.isEmpty() ? tr("Unnamed %1").arg(*f.personId) : f.personName)
                 : tr("Unknown"),
             f.id == m_highlight, f.manual});
    }
    if (m_canvas->selected && !m_canvas->find(m_canvas->selected))
        m_canvas->selected = 0;
    m_canvas->update();

    while (QLayoutItem *item = m_tagRow->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    // Who is in the photo, each a button that goes to the person; persons
    // tagged without a face also get a button that takes the tag off.
    // Each person's name and, with a birth date, their age on the photo's date.
    PeopleService people(m_catalog);
    const std::optional<PhotoRecord> photo = m_catalog.photo(m_photoId);
    const QDate on = photo ? QDateTime::fromMSecsSinceEpoch(photo->shownMs()).date() : QDate();
    struct Shown
    {
        QString name;
        std::optional<Age> age;
    };
    const auto lookUp = [&people, on, this](qint64 id) {
        const auto info = people.person(id);
        return info ? Shown{info->displayName(), ageOn(info->birthDate, on)}
                    : Shown{tr("Unnamed %1").arg(id), std::nullopt};
    };
    const std::vector<qint64> tagged = m_catalog.taggedPersons(m_photoId);
    if (!shown.empty() || !tagged.empty())
        m_tagRow->addWidget(new QLabel(tr("In this photo:"), m_tags));
    const auto goTo = [this](const QString &name, const std::optional<Age> &age, qint64 id) {
        auto *b = new QToolButton(m_tags);
        b->setText(age ? tr("%1, %2").arg(name, ageText(*age)) : name);
        b->setAutoRaise(true);
        b->setToolTip(tr("Show %1 in the main window").arg(name));
        b->setProperty("goToPerson", id);
        connect(b, &QToolButton::clicked, this, [this, id] { Q_EMIT personRequested(id); });
        m_tagRow->addWidget(b);
    };
    for (qint64 id : shown) {
        const Shown s = lookUp(id);
        goTo(s.name, s.age, id);
    }
    for (qint64 id : tagged) {
        const Shown s = lookUp(id);
        const QString name = s.name;
        if (std::find(shown.begin(), shown.end(), id) == shown.end())
            goTo(tr("%1 (no face)").arg(name), s.age, id);
        auto *b = new QToolButton(m_tags);
        b->setObjectName(QStringLiteral("untag"));
        b->setText(QStringLiteral("\u2715"));
        b->setToolTip(tr("Take this tag off the photo"));
        b->setProperty("personName", name);
        connect(b, &QToolButton::clicked, this,
                [this, id] { Q_EMIT untagRequested(m_photoId, id); });
        m_tagRow->addWidget(b);
    }
    m_tagRow->addStretch(1);
    m_tags->setVisible(!shown.empty() || !tagged.empty());
    selectionChanged();
}

void PhotoViewer::selectionChanged()
{
    m_remove->setEnabled(m_canvas->selected != 0);
}

void PhotoViewer::removeSelected()
{
    if (m_canvas->selected)
        Q_EMIT faceRemoveRequested(m_canvas->selected);
}

void PhotoViewer::addBox(const QRect &box, const QString &label)
{
    m_canvas->boxes.push_back({0, box, label, true, true});
    m_canvas->update();
}

QRect PhotoViewer::boxOf(qint64 faceId) const
{
    const PhotoCanvas::Box *b = m_canvas->find(faceId);
    return b ? b->rect : QRect();
}

QList<qint64> PhotoViewer::personsShown() const
{
    QList<qint64> out;
    for (QToolButton *b : m_tags->findChildren<QToolButton *>())
        if (const QVariant id = b->property("goToPerson"); id.isValid())
            out << id.toLongLong();
    return out;
}

QStringList PhotoViewer::tagNames() const
{
    QStringList out;
    for (QToolButton *b : m_tags->findChildren<QToolButton *>(QStringLiteral("untag")))
        out << b->property("personName").toString();
    return out;
}

qint64 PhotoViewer::selectedFace() const
{
    return m_canvas->selected;
}

QPoint PhotoViewer::canvasPoint(const QPoint &photoPoint) const
{
    return m_canvas->toWidget(photoPoint);
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
