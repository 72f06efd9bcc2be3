#include "peoplecontroller.h"

#include <QTimer>
#include <QUndoCommand>

namespace facefolio {

/// One entry of the catalog's undo history on the UI's undo stack.
class JournalCommand final : public QUndoCommand
{
public:
    JournalCommand(PeopleController *controller, qint64 entryId, const QString &label,
                   QUndoCommand *parent = nullptr)
        : QUndoCommand(label, parent)
        , m_controller(controller)
        , m_entryId(entryId)
    {}
    void undo() override
    {
        if (!m_controller->m_replaying)
            m_controller->step(true, m_entryId);
    }
    void redo() override
    {
        if (!m_controller->m_replaying)
            m_controller->step(false, m_entryId);
    }

private:
    PeopleController *m_controller;
    qint64 m_entryId;
};

PeopleController::PeopleController(const QString &catalogPath, QObject *parent)
    : QObject(parent)
    , m_catalog(std::make_unique<Catalog>(catalogPath))
    , m_service(std::make_unique<PeopleService>(*m_catalog))
{
    m_stack.setUndoLimit(0); // the catalog bounds the history
}

PeopleController::~PeopleController()
{
    // The commands must not touch the catalog while the stack is cleared.
    m_replaying = true;
    m_stack.clear();
}

bool PeopleController::open()
{
    if (!m_catalog->open()) {
        m_error = m_catalog->errorString();
        return false;
    }
    reloadHistory();
    return true;
}

QString PeopleController::catalogPath() const
{
    return m_catalog->path();
}

void PeopleController::reloadHistory()
{
    m_replaying = true;
    m_stack.clear();
    int applied = 0;
    for (const EditEntry &e : m_service->history()) {
        m_stack.push(new JournalCommand(this, e.id, e.label));
        if (!e.undone)
            ++applied;
    }
    m_stack.setIndex(applied);
    m_stack.setClean();
    m_replaying = false;
}

void PeopleController::pushLast()
{
    const std::vector<EditEntry> history = m_service->history();
    if (history.empty())
        return;
    m_replaying = true;
    m_stack.push(new JournalCommand(this, history.back().id, history.back().label));
    m_replaying = false;
}

bool PeopleController::finish(bool ok)
{
    if (!ok) {
        Q_EMIT failed(m_service->errorString());
        return false;
    }
    pushLast();
    Q_EMIT peopleChanged();
    return true;
}

void PeopleController::step(bool undo, qint64 entryId)
{
    const bool ok = undo ? m_service->undo(entryId) : m_service->redo(entryId);
    if (!ok) {
        Q_EMIT failed(m_service->errorString());
        // The stack and the catalog disagree (another window edited it):
        // start again from the catalog, once the stack is out of its call.
        QTimer::singleShot(0, this, [this] {
            reloadHistory();
            Q_EMIT peopleChanged();
        });
        return;
    }
    Q_EMIT peopleChanged();
}

bool PeopleController::markDifferent(const QList<qint64> &facesA, const QList<qint64> &facesB)
{
    return finish(m_service->markDifferent(facesA, facesB));
}

bool PeopleController::reviewFaces(qint64 personId, const QList<qint64> &accepted,
                                   const QList<qint64> &rejected)
{
    return finish(m_service->reviewFaces(personId, accepted, rejected));
}

bool PeopleController::rename(qint64 personId, const QString &name)
{
    return finish(m_service->rename(personId, name));
}

bool PeopleController::merge(qint64 fromId, qint64 intoId, bool keepFromName)
{
    const auto from = m_service->person(fromId);
    if (!keepFromName || !from || from->name.isEmpty())
        return finish(m_service->merge(fromId, intoId));
    if (!m_service->merge(fromId, intoId))
        return finish(false);
    const std::vector<EditEntry> before = m_service->history();
    if (!m_service->rename(intoId, from->name)) {
        Q_EMIT failed(m_service->errorString());
        pushLast();
        Q_EMIT peopleChanged();
        return false;
    }
    // Both journal entries as one undo step, named after the merge.
    const std::vector<EditEntry> history = m_service->history();
    m_replaying = true;
    auto *macro = new QUndoCommand(before.back().label);
    new JournalCommand(this, before.back().id, before.back().label, macro);
    new JournalCommand(this, history.back().id, history.back().label, macro);
    m_stack.push(macro);
    m_replaying = false;
    Q_EMIT peopleChanged();
    return true;
}

bool PeopleController::moveFaces(const QList<qint64> &faceIds, qint64 toPersonId)
{
    return finish(m_service->moveFaces(faceIds, toPersonId));
}

qint64 PeopleController::splitToNewPerson(const QList<qint64> &faceIds)
{
    const qint64 id = m_service->splitToNewPerson(faceIds);
    finish(id != 0);
    return id;
}

bool PeopleController::removeFromPerson(const QList<qint64> &faceIds)
{
    return finish(m_service->removeFromPerson(faceIds));
}

bool PeopleController::setNotFace(const QList<qint64> &faceIds, bool notFace)
{
    return finish(m_service->setNotFace(faceIds, notFace));
}

bool PeopleController::setHidden(qint64 personId, bool hidden)
{
    return finish(m_service->setHidden(personId, hidden));
}

bool PeopleController::setBirthDate(qint64 personId, const QDate &date)
{
    return finish(m_service->setBirthDate(personId, date));
}

bool PeopleController::setCover(qint64 personId, qint64 faceId)
{
    return finish(m_service->setCover(personId, faceId));
}

qint64 PeopleController::addDrawnFace(qint64 photoId, const DetectedFace &face, qint64 personId)
{
    const qint64 id = m_service->addDrawnFace(photoId, face, personId);
    finish(id != 0);
    return id;
}

bool PeopleController::redrawFace(qint64 faceId, const DetectedFace &face)
{
    return finish(m_service->redrawFace(faceId, face));
}

bool PeopleController::removeDrawnFace(qint64 faceId)
{
    return finish(m_service->removeDrawnFace(faceId));
}

bool PeopleController::tagPerson(qint64 photoId, qint64 personId)
{
    return finish(m_service->tagPerson(photoId, personId));
}

bool PeopleController::untagPerson(qint64 photoId, qint64 personId)
{
    return finish(m_service->untagPerson(photoId, personId));
}

} // namespace facefolio
