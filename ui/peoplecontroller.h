#pragma once

#include "catalog/catalog.h"
#include "people/peopleservice.h"

#include <QDate>
#include <QObject>
#include <QUndoStack>
#include <memory>

namespace facefolio {

/// The UI's one way to change people: each call runs the people service's
/// edit (which records it in the catalog's undo history) and pushes a
/// matching command on the undo stack, so Edit > Undo names what it will
/// undo and the history is there again after a restart. Views refresh on
/// peopleChanged().
class PeopleController final : public QObject
{
    Q_OBJECT

public:
    explicit PeopleController(const QString &catalogPath, QObject *parent = nullptr);
    ~PeopleController() override;

    /// Opens the catalog and loads the undo history; false with errorString().
    bool open();
    QString errorString() const { return m_error; }
    QString catalogPath() const;

    Catalog &catalog() { return *m_catalog; }
    PeopleService &service() { return *m_service; }
    QUndoStack *undoStack() { return &m_stack; }

    bool rename(qint64 personId, const QString &name);
    /// Merges `fromId` into `intoId`; when `keepFromName`, the survivor then
    /// takes the name of the person merged into it (one undo step).
    bool merge(qint64 fromId, qint64 intoId, bool keepFromName = false);
    bool moveFaces(const QList<qint64> &faceIds, qint64 toPersonId);
    qint64 splitToNewPerson(const QList<qint64> &faceIds);
    bool removeFromPerson(const QList<qint64> &faceIds);
    bool setNotFace(const QList<qint64> &faceIds, bool notFace);
    bool setHidden(qint64 personId, bool hidden);
    bool setCover(qint64 personId, qint64 faceId);
    /// A null date removes the birth date.
    bool setBirthDate(qint64 personId, const QDate &date);
    /// Review answers (PeopleService::markDifferent, reviewFaces).
    bool markDifferent(const QList<qint64> &facesA, const QList<qint64> &facesB);
    bool reviewFaces(qint64 personId, const QList<qint64> &accepted, const QList<qint64> &rejected);
    /// Faces drawn by hand and tags without a face (PeopleService).
    qint64 addDrawnFace(qint64 photoId, const DetectedFace &face, qint64 personId);
    bool redrawFace(qint64 faceId, const DetectedFace &face);
    bool removeDrawnFace(qint64 faceId);
    bool tagPerson(qint64 photoId, qint64 personId);
    bool untagPerson(qint64 photoId, qint64 personId);

    /// Rebuilds the undo stack from the catalog's history, after something
    /// other than this controller recorded an edit (a re-cluster).
    void reloadHistory();
    /// Tells the views the catalog changed (a scan or a clustering ran).
    void notifyChanged() { Q_EMIT peopleChanged(); }

Q_SIGNALS:
    void peopleChanged();
    /// An edit, undo or redo could not be done; the message is for the user.
    void failed(const QString &message);

private:
    friend class JournalCommand;
    bool finish(bool ok);
    void pushLast();
    void step(bool undo, qint64 entryId);

    std::unique_ptr<Catalog> m_catalog;
    std::unique_ptr<PeopleService> m_service;
    QUndoStack m_stack;
    bool m_replaying = false;
    QString m_error;
};

} // namespace facefolio
