#pragma once

// The faces of a Facefolio catalog as the benchmarks score them, read from the
// SQLite file itself so that catalogs of every version and encoder can be read.

#include "catalog/embedding.h"

#include <QRect>
#include <QSize>
#include <QString>
#include <vector>

class QSqlDatabase;

namespace facefolio::bench {

/// Which face of a photo is scored against the name of the photo's folder.
enum class FacePick
{
    Central, ///< the face nearest the image centre (LFW's labelled person)
    Largest, ///< the face of the largest box (whole photos of one person)
};

/// "central" or "largest"; false for anything else.
bool parseFacePick(const QString &word, FacePick *pick);

/// Every face of a catalog with its embedding decoded by the model that made
/// it: the `faces.encoder` column (0 dlib, 1 arcface) where the catalog has
/// one, else dlib. A catalog whose faces come from two encoders is refused:
/// their distances cannot be compared.
class CatalogFaces final
{
public:
    struct Face
    {
        qint64 photo = 0;
        QString path;   ///< the photo's absolute path
        QString folder; ///< the name of the folder holding the photo: the truth
        QRect box;      ///< in the photo's pixels as displayed
        QSize photoSize;
        float score = 0;
        bool wholeImage = false;
        Embedding embedding{};
    };

    /// Reads the catalog read-only. False, with errorString(), when it cannot
    /// be read or mixes encoders. Faces the user marked as not a face, and
    /// the faces of photos that are missing, are left out.
    bool load(const QString &path);

    QString errorString() const { return m_error; }
    EncoderModel model() const { return m_model; }
    /// Ordered by photo, then by face id.
    const std::vector<Face> &faces() const { return m_faces; }
    int photos() const { return m_photos; }        ///< photos in the catalog, not missing
    int damagedFaces() const { return m_damaged; } ///< faces whose blob is not of their model
    bool hasEncoderColumn() const { return m_encoderColumn; }

    /// For each photo with a face, the index in faces() of the face to score.
    std::vector<size_t> pick(FacePick pick) const;

private:
    QString read(const QSqlDatabase &db); ///< the error, empty when read

    QString m_error;
    EncoderModel m_model = EncoderModel::Dlib;
    std::vector<Face> m_faces;
    int m_photos = 0;
    int m_damaged = 0;
    bool m_encoderColumn = false;
};

} // namespace facefolio::bench
