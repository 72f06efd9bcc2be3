#pragma once

// A synthetic album for tests that need persons without the models: each
// identity a point about 1.0 from the others, its faces about 0.35 apart,
// written into a real catalog as photos with faces.

#include "analysis/faceanalyzer.h"
#include "catalog/catalog.h"

#include <QSqlQuery>
#include <cmath>
#include <map>
#include <random>
#include <set>

namespace facefolio::test {

class World
{
public:
    explicit World(int identities, quint32 seed = 7)
        : m_rng(seed)
    {
        std::normal_distribution<float> n(0, 1);
        for (int i = 0; i < identities; ++i) {
            Embedding c{};
            float norm = 0;
            for (size_t k = 0; k < size_t(embeddingDims(EncoderModel::Dlib));
                 ++k) { // a dlib-like face
                c[k] = n(m_rng);
                norm += c[k] * c[k];
            }
            for (float &v : c)
                v *= 0.7f / std::sqrt(norm);
            m_centres.push_back(c);
        }
    }
    /// A new identity whose centre lies `distance` from `identity`'s: the same
    /// person years later, or a look-alike. Returns its index.
    int drifted(int identity, float distance)
    {
        std::normal_distribution<float> n(0, 1);
        Embedding dir{};
        float norm = 0;
        for (size_t k = 0; k < size_t(embeddingDims(EncoderModel::Dlib)); ++k) {
            dir[k] = n(m_rng);
            norm += dir[k] * dir[k];
        }
        Embedding c = m_centres[size_t(identity)];
        for (size_t k = 0; k < size_t(embeddingDims(EncoderModel::Dlib)); ++k)
            c[k] += dir[k] * distance / std::sqrt(norm);
        m_centres.push_back(c);
        return int(m_centres.size()) - 1;
    }
    Embedding face(int identity)
    {
        std::normal_distribution<float> n(0, 0.022f);
        Embedding e = m_centres[size_t(identity)];
        for (size_t k = 0; k < size_t(embeddingDims(EncoderModel::Dlib)); ++k) // a dlib-like face
            e[k] += n(m_rng);
        return e;
    }

private:
    std::mt19937 m_rng;
    std::vector<Embedding> m_centres;
};

class Album
{
public:
    explicit Album(const QString &path)
        : catalog(path)
    {}
    /// Adds a photo holding faces of these identities; returns their face ids.
    QList<qint64> addPhoto(World &w, const QList<int> &identities)
    {
        PhotoRecord p;
        p.path = QStringLiteral("/album/photo%1.jpg").arg(++m_photos);
        p.size = 1000 + m_photos;
        p.width = 1000;
        p.height = 800;
        p.hash = QByteArray::number(m_photos);
        const qint64 id = catalog.putPhoto(p);
        std::vector<DetectedFace> faces;
        for (int k = 0; k < identities.size(); ++k) {
            DetectedFace f;
            f.box = QRect(100 + 200 * k, 100, 150, 150);
            f.embedding = w.face(identities[k]);
            f.score = 1;
            faces.push_back(f);
        }
        catalog.replaceFaces(id, faces);
        QList<qint64> ids;
        QSqlQuery q(catalog.database());
        q.prepare(QStringLiteral("SELECT id FROM faces WHERE photo_id = ? ORDER BY x"));
        q.addBindValue(id);
        q.exec();
        while (q.next())
            ids << q.value(0).toLongLong();
        for (int k = 0; k < ids.size(); ++k)
            m_identity[ids[k]] = identities[k];
        return ids;
    }
    qint64 personOf(qint64 face)
    {
        QSqlQuery q(catalog.database());
        q.prepare(QStringLiteral("SELECT coalesce(person_id, 0) FROM faces WHERE id = ?"));
        q.addBindValue(face);
        q.exec();
        return q.next() ? q.value(0).toLongLong() : -1;
    }
    std::map<qint64, qint64> assignments()
    {
        std::map<qint64, qint64> out;
        for (const auto &[face, identity] : m_identity)
            out[face] = personOf(face);
        return out;
    }
    /// Every person holds faces of one identity only, and every identity with
    /// at least two faces sits in one person.
    bool pure()
    {
        std::map<qint64, std::set<int>> identitiesOf;
        std::map<int, std::set<qint64>> personsOf;
        for (const auto &[face, identity] : m_identity) {
            const qint64 p = personOf(face);
            if (p <= 0)
                return false;
            identitiesOf[p].insert(identity);
            personsOf[identity].insert(p);
        }
        for (const auto &[p, ids] : identitiesOf)
            if (ids.size() != 1)
                return false;
        for (const auto &[i, ps] : personsOf)
            if (ps.size() != 1)
                return false;
        return true;
    }
    int identityOf(qint64 face) const { return m_identity.at(face); }

    Catalog catalog;

private:
    int m_photos = 0;
    std::map<qint64, int> m_identity;
};

} // namespace facefolio::test
