#pragma once

#include "catalog/embedding.h"

#include <QHash>
#include <QPointF>
#include <QRect>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVariantList>
#include <array>
#include <optional>
#include <vector>

namespace facefolio {

struct DetectedFace;

/// How far a photo got through the scan.
enum class PhotoState
{
    Done = 1,
    Failed = 2
};

struct PhotoRecord
{
    qint64 id = 0;
    QString path; ///< absolute
    qint64 size = 0;
    qint64 mtimeMs = 0;
    QByteArray hash; ///< hex BLAKE2b-160 of the file's bytes
    int width = 0;   ///< display size
    int height = 0;
    int orientation = 1;
    qint64 takenMs = 0; ///< when the camera says it was taken (EXIF, local time); 0: unknown
    int detector = 0;   ///< the FaceDetector its faces were found with (0: HOG)
    PhotoState state = PhotoState::Done;
    QString error;        ///< why it failed, when state is Failed
    bool missing = false; ///< was not found by the last scan of its folder

    /// When the photo was taken as the grids show it: the camera's time,
    /// else the file's.
    qint64 shownMs() const { return takenMs > 0 ? takenMs : mtimeMs; }
};

struct FaceRecord
{
    qint64 id = 0;
    qint64 photoId = 0;
    QString photoPath;
    QRect box;
    float score = 0;
    bool wholeImage = false;
    bool manual = false; ///< drawn by the user, not found by a detector
    std::optional<qint64> personId;
    QString personName;
    Embedding embedding{};
    EncoderModel encoder = EncoderModel::Dlib; ///< the network that made `embedding`
    qint64 photoMtimeMs = 0;                   ///< when the photo was taken, else the file's time
};

struct CatalogStats
{
    qint64 photos = 0;
    qint64 photosWithFaces = 0;
    qint64 failed = 0;
    qint64 missing = 0;
    qint64 faces = 0;
    qint64 wholeImageFaces = 0;
    qint64 persons = 0;
    qint64 namedPersons = 0;
    qint64 assignedFaces = 0;
};

/// The SQLite catalog: photos, their faces (box, landmarks, embedding, chip)
/// and persons. One Catalog object is one connection; use one per thread.
/// WAL journaling, so readers never block the scanner's writes, and every
/// photo's result is written in a transaction: a killed process loses at most
/// the photos of the batch in flight, never the catalog.
class Catalog final
{
public:
    static constexpr int kSchemaVersion = 11;

    explicit Catalog(QString path);
    ~Catalog();
    Catalog(const Catalog &) = delete;
    Catalog &operator=(const Catalog &) = delete;

    /// The catalog used when none is named: one per user in the XDG data dir.
    static QString defaultPath();
    /// Creates a new catalog at an earlier schema version, as that version of
    /// Facefolio made it, for tests of the migrations.
    static bool createAtVersion(const QString &path, int version, QString *error = nullptr);

    /// Opens or creates the catalog and migrates older schemas. Returns false
    /// with errorString() set when the file is not a catalog, was written by a
    /// newer Facefolio, or cannot be opened.
    bool open();
    QString errorString() const { return m_error; }
    QString path() const { return m_path; }
    /// This catalog's connection, for the core services that keep their own
    /// queries (people, clustering). Only for the thread that opened it.
    QSqlDatabase database() const;
    int schemaVersion();

    bool transaction();
    bool commit();
    void rollback();

    /// The path of every photo the catalog holds, missing ones included.
    QStringList photoPaths();
    /// Every photo whose path lies under one of the folders, by path.
    QHash<QString, PhotoRecord> photosUnder(const QStringList &folders);
    /// Analysed photos by content hash (one per hash), with their missing flag.
    QHash<QByteArray, PhotoRecord> donePhotosByHash();

    /// Inserts or updates the photo with this path; returns its id, or 0.
    qint64 putPhoto(const PhotoRecord &photo);
    /// Replaces the photo's faces with these.
    bool replaceFaces(qint64 photoId, const std::vector<DetectedFace> &faces);
    /// Adds a face the user drew (analysed from its box); returns its id, or 0.
    /// Rescans keep it, and a detection later found on it is not added twice.
    /// Works inside a caller's transaction too. Not journaled: the people
    /// service's addDrawnFace() is the undoable edit.
    qint64 addManualFace(qint64 photoId, const DetectedFace &face);
    /// Gives a drawn face a new box with its analysis (a move or a resize).
    bool updateManualFace(qint64 faceId, const DetectedFace &face);
    /// A face of the photo, other than `except`, that `box` would be the same
    /// face as (boxes overlapping by half); 0 for none, -1 on error.
    qint64 overlappingFace(qint64 photoId, const QRect &box, qint64 except = 0);
    /// Persons tagged on a photo without a face (a back, a far profile).
    bool tagPerson(qint64 photoId, qint64 personId);
    bool untagPerson(qint64 photoId, qint64 personId);
    std::vector<qint64> taggedPersons(qint64 photoId);
    /// Gives `toPhotoId` copies of `fromPhotoId`'s faces (a duplicate file).
    bool copyFaces(qint64 fromPhotoId, qint64 toPhotoId);
    /// Moves a photo record (with its faces and their persons) to a new path.
    bool movePhoto(qint64 photoId, const PhotoRecord &now);
    bool setMissing(const QList<qint64> &photoIds, bool missing);

    /// The model this catalog's faces are compared with: every new face is
    /// encoded with it, clustering and distances use only its faces. Empty
    /// for a catalog that has never held a face (any model may start it).
    std::optional<EncoderModel> encoder();
    /// Makes `model` the catalog's model. Faces of another model keep their
    /// persons but take no part in clustering until re-encoded.
    bool setEncoder(EncoderModel model);
    /// Faces whose embedding is not of `model` (not-faces included): how
    /// many are left to re-encode.
    int facesNotOf(EncoderModel model);
    /// Replaces face embeddings with ones of `model`, in one transaction.
    bool setEmbeddings(const std::vector<std::pair<qint64, Embedding>> &faces, EncoderModel model);

    std::vector<FaceRecord> faces(bool withEmbeddings);
    /// The faces of a person; person 0: the faces of no person (not-faces left out).
    std::vector<FaceRecord> facesOfPerson(qint64 personId, bool withEmbeddings);
    /// The faces of one photo (not-faces left out), with their persons.
    std::vector<FaceRecord> facesOfPhoto(qint64 photoId);
    /// The photos holding a face of this person, newest first (by when they
    /// were taken, else by file time); person 0: every analysed photo still on disk.
    std::vector<PhotoRecord> photosOfPerson(qint64 personId);
    /// The photos where every one of these persons appears (a face or a tag;
    /// a person twice on a photo counts once), newest first. With
    /// `onlyThem`, photos where another named person appears are left out;
    /// unnamed and hidden persons (strangers in the background) do not count.
    std::vector<PhotoRecord> photosWith(const QList<qint64> &personIds, bool onlyThem);
    std::optional<PhotoRecord> photo(qint64 photoId);
    /// Faces in no person, not-faces left out.
    int unassignedFaceCount();
    /// Faces no clustering has placed yet (in no person, not-faces left out).
    int ungroupedFaceCount();
    std::vector<PhotoRecord> failedPhotos();
    /// Every photo in path order, with its number of faces.
    std::vector<std::pair<PhotoRecord, int>> photosWithFaceCounts();
    /// The aligned chip of a face, JPEG-encoded.
    QByteArray faceChip(qint64 faceId);
    CatalogStats stats();

private:
    bool exec(const QString &sql);
    std::vector<FaceRecord> facesWhere(const QString &where, const QVariantList &values,
                                       bool withEmbeddings);
    bool migrate(int from, int to);
    bool fail(const QString &what);

    QString m_path;
    QString m_connection;
    QString m_error;
    int m_targetVersion = 0; ///< createAtVersion(); 0: the current schema
};

} // namespace facefolio
