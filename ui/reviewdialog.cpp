#include "reviewdialog.h"

#include "peoplecontroller.h"
#include "reviewfacemodel.h"
#include "reviewsession.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QKeySequence>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QUndoStack>
#include <QVBoxLayout>

namespace facefolio {

namespace {

/// Candidates of "More photos of X?" shown at once.
constexpr int kMaxCandidates = 24;

QListView *faceRow(QWidget *parent, const QString &name)
{
    auto *v = new QListView(parent);
    v->setViewMode(QListView::IconMode);
    v->setFlow(QListView::LeftToRight);
    v->setWrapping(true);
    v->setResizeMode(QListView::Adjust);
    v->setMovement(QListView::Static);
    v->setIconSize(QSize(96, 96));
    v->setGridSize(QSize(116, 136));
    v->setSpacing(4);
    v->setUniformItemSizes(true);
    v->setSelectionMode(QAbstractItemView::NoSelection);
    // The keys answer the question; the lists never take them.
    v->setFocusPolicy(Qt::NoFocus);
    v->setAccessibleName(name);
    return v;
}

} // namespace

ReviewDialog::ReviewDialog(ReviewSession *session, PeopleController *controller,
                           ThumbnailCache *thumbnails, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_controller(controller)
{
    setWindowTitle(tr("Review People"));
    m_title = new QLabel(this);
    QFont f = m_title->font();
    f.setPointSizeF(f.pointSizeF() * 1.5);
    f.setBold(true);
    m_title->setFont(f);
    m_labelA = new QLabel(this);
    m_labelB = new QLabel(this);
    m_modelA = new ReviewFaceModel(thumbnails, this);
    m_modelB = new ReviewFaceModel(thumbnails, this);
    m_viewA = faceRow(this, tr("First group"));
    m_viewB = faceRow(this, tr("Second group"));
    m_viewA->setModel(m_modelA);
    m_viewB->setModel(m_modelB);
    m_left = new QLabel(this);

    m_yes = new QPushButton(tr("&Yes"), this);
    m_yes->setToolTip(tr("Yes (Y or Return)"));
    m_no = new QPushButton(tr("&No"), this);
    m_no->setToolTip(tr("No (N): remembered, never asked again"));
    m_later_ = new QPushButton(tr("Not &Sure"), this);
    m_later_->setToolTip(tr("Ask again later (Space)"));
    m_undo = new QPushButton(tr("&Undo"), this);
    m_undo->setToolTip(tr("Undo the last answer (Ctrl+Z)"));
    auto *close = new QPushButton(tr("Close"), this);
    for (QPushButton *b : {m_yes, m_no, m_later_, m_undo, close}) {
        b->setAutoDefault(false);
        b->setFocusPolicy(Qt::NoFocus);
    }
    connect(m_yes, &QPushButton::clicked, this, &ReviewDialog::answerYes);
    connect(m_no, &QPushButton::clicked, this, &ReviewDialog::answerNo);
    connect(m_later_, &QPushButton::clicked, this, &ReviewDialog::notSure);
    connect(m_undo, &QPushButton::clicked, this, &ReviewDialog::undo);
    connect(close, &QPushButton::clicked, this, &QDialog::accept);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_left, 1);
    for (QPushButton *b : {m_yes, m_no, m_later_, m_undo, close})
        buttons->addWidget(b);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_labelA);
    layout->addWidget(m_viewA, 1);
    layout->addWidget(m_labelB);
    layout->addWidget(m_viewB, 1);
    layout->addLayout(buttons);
    setFocusPolicy(Qt::StrongFocus);
    resize(760, 620);

    connect(m_session, &ReviewSession::changed, this, &ReviewDialog::sessionChanged);
    // An undo (here or in the window) may bring a question back: wait for
    // the ranking it asked for, and show its first question.
    m_undoIndex = m_controller->undoStack()->index();
    connect(m_controller->undoStack(), &QUndoStack::indexChanged, this, [this](int index) {
        const bool back = index < m_undoIndex;
        m_undoIndex = index;
        if (!back)
            return;
        m_current.reset();
        m_touchedPersons.clear();
        m_touchedFaces.clear();
        m_session->refresh();
        m_answeredAt = m_session->requested();
    });
    sessionChanged();
    if (!m_session->questions())
        m_session->refresh();
}

void ReviewDialog::keyPressEvent(QKeyEvent *event)
{
    // One key per answer. The lists and buttons never take the focus, so
    // these reach the dialog wherever the pointer is.
    if (event->matches(QKeySequence::Undo)) {
        undo();
        return;
    }
    if (event->modifiers() & ~(Qt::KeypadModifier | Qt::ShiftModifier)) {
        QDialog::keyPressEvent(event);
        return;
    }
    switch (event->key()) {
    case Qt::Key_Y:
    case Qt::Key_Return:
    case Qt::Key_Enter:
        answerYes();
        return;
    case Qt::Key_N:
        answerNo();
        return;
    case Qt::Key_Space:
        notSure();
        return;
    default:
        QDialog::keyPressEvent(event);
    }
}

QList<qint64> ReviewDialog::candidates() const
{
    return m_current && m_current->kind == ReviewQuestion::Kind::Face ? m_faceGroup
                                                                      : QList<qint64>{};
}

void ReviewDialog::sessionChanged()
{
    m_questions = m_session->questions();
    // The new ranking has seen every answer so far.
    if (m_session->completed() >= m_answeredAt) {
        m_touchedPersons.clear();
        m_touchedFaces.clear();
    }
    // Keep the question on screen while it is still open.
    if (m_current && m_questions && !touched(*m_current))
        for (const ReviewQuestion &q : m_questions->questions())
            if (key(q) == key(*m_current)) {
                showQuestion(q);
                return;
            }
    showNext();
}

QString ReviewDialog::key(const ReviewQuestion &q) const
{
    return q.kind == ReviewQuestion::Kind::SamePerson
               ? QStringLiteral("s%1-%2")
                     .arg(std::min(q.personA, q.personB))
                     .arg(std::max(q.personA, q.personB))
               : QStringLiteral("f%1").arg(q.personA); // face questions go by person
}

bool ReviewDialog::touched(const ReviewQuestion &q) const
{
    if (m_touchedPersons.contains(q.personA) || m_touchedPersons.contains(q.personB))
        return true;
    return q.kind == ReviewQuestion::Kind::Face && m_touchedFaces.contains(q.face);
}

void ReviewDialog::showNext()
{
    std::optional<ReviewQuestion> pick, later;
    if (m_questions)
        for (const ReviewQuestion &q : m_questions->questions()) {
            if (touched(q))
                continue;
            if (!m_later.contains(key(q))) {
                pick = q;
                break;
            }
            if (!later)
                later = q;
        }
    if (!pick && later) {
        // Only "not sure" questions are left: ask them again, in order.
        m_later.clear();
        pick = later;
    }
    if (!pick) {
        m_current.reset();
        m_faceGroup.clear();
        m_title->setText(m_questions || !m_session->busy() ? tr("No questions left")
                                                           : tr("Finding questions…"));
        m_labelA->setText(m_questions ? tr("The grouping has nothing it is unsure of.")
                                      : QString());
        m_labelB->clear();
        m_modelA->setFaces({}, {}, false);
        m_modelB->setFaces({}, {}, false);
        m_left->clear();
        m_yes->setEnabled(false);
        m_no->setEnabled(false);
        m_later_->setEnabled(false);
        return;
    }
    showQuestion(*pick);
}

void ReviewDialog::showQuestion(const ReviewQuestion &q)
{
    m_current = q;
    m_yes->setEnabled(true);
    m_no->setEnabled(true);
    m_later_->setEnabled(true);
    int open = 0;
    for (const ReviewQuestion &other : m_questions->questions())
        open += !touched(other);
    m_left->setText(tr("%n question(s) left", nullptr, open));
    if (q.kind == ReviewQuestion::Kind::SamePerson) {
        m_faceGroup.clear();
        m_title->setText(tr("Same person?"));
        // The closest faces of each side first, then faces over the years.
        const auto shown = [this](qint64 person, const QList<qint64> &evidence) {
            QList<qint64> out = evidence.mid(0, 2);
            for (qint64 f : m_questions->spreadFaces(person, ReviewQuestions::kShownFaces + 2))
                if (!out.contains(f) && out.size() < ReviewQuestions::kShownFaces + 2)
                    out.append(f);
            return out;
        };
        const QList<qint64> a = shown(q.personA, q.evidenceA), b = shown(q.personB, q.evidenceB);
        m_labelA->setText(personText(q.personA));
        m_labelB->setText(personText(q.personB));
        m_modelA->setFaces(a, years(a), false);
        m_modelB->setFaces(b, years(b), false);
        m_yes->setToolTip(tr("Yes, one person: merge them (Y or Return)"));
        return;
    }
    // Every open face question about this person, shown together.
    m_faceGroup.clear();
    for (const ReviewQuestion &other : m_questions->questions())
        if (other.kind == ReviewQuestion::Kind::Face && other.personA == q.personA &&
            !touched(other) && m_faceGroup.size() < kMaxCandidates)
            m_faceGroup.append(other.face);
    const auto person = m_controller->service().person(q.personA);
    m_title->setText(person && !person->name.isEmpty() ? tr("More photos of %1?").arg(person->name)
                                                       : tr("More photos of this person?"));
    m_labelA->setText(personText(q.personA));
    const QList<qint64> reference =
        m_questions->spreadFaces(q.personA, ReviewQuestions::kShownFaces + 2);
    m_modelA->setFaces(reference, years(reference), false);
    m_labelB->setText(tr("Untick the faces that are someone else, then press Return:"));
    m_modelB->setFaces(m_faceGroup, years(m_faceGroup), true);
    m_yes->setToolTip(tr("Confirm the ticked faces and reject the others (Y or Return)"));
}

QList<int> ReviewDialog::years(const QList<qint64> &faces) const
{
    QList<int> out;
    for (qint64 f : faces) {
        const qint64 ms = m_questions->takenMs(f);
        out.append(ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms).date().year() : 0);
    }
    return out;
}

QString ReviewDialog::personText(qint64 personId) const
{
    const auto p = m_controller->service().person(personId);
    return p ? tr("%1 · %n face(s)", nullptr, p->faces).arg(p->displayName())
             : tr("Person %1").arg(personId);
}

void ReviewDialog::answered(const QList<qint64> &persons, const QList<qint64> &faces)
{
    for (qint64 p : persons)
        m_touchedPersons.insert(p);
    for (qint64 f : faces)
        m_touchedFaces.insert(f);
    // The edit asked the session (through the window) to rank again.
    m_answeredAt = m_session->requested();
    showNext();
}

void ReviewDialog::answerYes()
{
    if (!m_current)
        return;
    const ReviewQuestion q = *m_current;
    if (q.kind == ReviewQuestion::Kind::SamePerson) {
        // The named one survives (a merge keeps its name), else the larger.
        const auto a = m_controller->service().person(q.personA);
        const auto b = m_controller->service().person(q.personB);
        const bool intoB = a && b && a->name.isEmpty() && !b->name.isEmpty();
        if (m_controller->merge(intoB ? q.personA : q.personB, intoB ? q.personB : q.personA))
            answered({q.personA, q.personB}, {});
        return;
    }
    const QList<qint64> yes = m_modelB->checkedFaces(), no = m_modelB->uncheckedFaces();
    if (m_controller->reviewFaces(q.personA, yes, no))
        answered({}, yes + no);
}

void ReviewDialog::answerNo()
{
    if (!m_current)
        return;
    const ReviewQuestion q = *m_current;
    if (q.kind == ReviewQuestion::Kind::SamePerson) {
        if (m_controller->markDifferent(m_questions->facesToSetApart(q.personA, q.personB),
                                        m_questions->facesToSetApart(q.personB, q.personA)))
            answered({q.personA, q.personB}, {});
        return;
    }
    const QList<qint64> all = m_modelB->faces();
    if (m_controller->reviewFaces(q.personA, {}, all))
        answered({}, all);
}

void ReviewDialog::notSure()
{
    if (!m_current)
        return;
    m_later.insert(key(*m_current));
    showNext();
}

void ReviewDialog::undo()
{
    if (!m_controller->undoStack()->canUndo())
        return;
    m_controller->undoStack()->undo();
}

} // namespace facefolio
