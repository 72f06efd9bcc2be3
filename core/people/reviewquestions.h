#pragma once

#include "catalog/embedding.h"

#include <QFuture>
#include <QHash>
#include <QList>
#include <QMultiHash>
#include <QPair>
#include <QSet>
#include <QString>
#include <functional>
#include <memory>
#include <vector>

namespace facefolio {

class Catalog;
struct KnnGraph;

/// One open question about the grouping, asked of the user.
struct ReviewQuestion
{
    enum class Kind
    {
        SamePerson, ///< "Same person?": are persons A and B one person?
        Face,       ///< "Is this X?": does a face without a person belong to person A?
    };
    Kind kind = Kind::SamePerson;
    qint64 personA = 0; ///< SamePerson: the larger group; Face: the candidate person
    qint64 personB = 0; ///< SamePerson: the other group; Face: 0
    qint64 face = 0;    ///< Face: the face asked about; SamePerson: 0
    /// Higher is asked first: how likely a yes is, times how much a yes fixes.
    double score = 0;
    double likelihood = 0; ///< the estimated chance of a yes, 0..1
    double distance = 0;   ///< the evidence: mean of the closest face distances
    /// SamePerson: the faces on each side that are closest to the other side
    /// (closest first). A "no" marks them as different people.
    QList<qint64> evidenceA, evidenceB;

    bool operator==(const ReviewQuestion &) const = default;
};

/// The ranked list of open questions of a catalog: groups that may be one
/// person, and faces without a person that may belong to one. Questions are
/// judged on the k-nearest-neighbour graph of the faces (built once by
/// load(), reused by refresh() after every answer), at distances relative
/// to the catalog's model (its clustering cut). A question the user already
/// answered never comes back: a "no" to "Same person?" is a pair of faces
/// the user said are different people (face_distinct), a "no" to "Is this
/// X?" a rejection of the face by X; groups with faces in one photo are never
/// proposed, nor hidden persons, not-faces or faces of another model.
class ReviewQuestions final
{
public:
    struct Options
    {
        int neighbours = 15; ///< k of the neighbour graph
        /// Only face pairs closer than this are evidence; below 0: 1.25 × the
        /// model's clustering cut.
        double radius = -1;
        /// Questions less likely than this to get a yes are not asked.
        double minLikelihood = 0.005;
    };

    /// Faces of each side a "Same person?" question shows, spread over the years.
    static constexpr int kShownFaces = 4;

    ReviewQuestions();
    explicit ReviewQuestions(Options options);
    ~ReviewQuestions();
    /// Copies share the neighbour graph (it never changes after load()), so a
    /// copy refreshed on another thread leaves the original untouched.
    ReviewQuestions(const ReviewQuestions &);
    ReviewQuestions &operator=(const ReviewQuestions &);
    ReviewQuestions(ReviewQuestions &&) noexcept;
    ReviewQuestions &operator=(ReviewQuestions &&) noexcept;

    /// Reads every face of the catalog's model, builds the neighbour graph and
    /// ranks the questions. False with errorString() on a catalog error or
    /// when cancelled.
    bool load(Catalog &catalog, const std::function<bool()> &cancelled = {});
    /// Re-reads persons, assignments and decisions (not the embeddings) and
    /// ranks again; falls back to load() when faces were added or removed.
    bool refresh(Catalog &catalog);
    /// Loads on a background thread with its own catalog connection.
    static QFuture<std::shared_ptr<ReviewQuestions>> start(const QString &catalogPath,
                                                           Options options);
    static QFuture<std::shared_ptr<ReviewQuestions>> start(const QString &catalogPath);

    /// Best first.
    const std::vector<ReviewQuestion> &questions() const { return m_questions; }
    /// The persons a face most likely belongs to, closest first, with the
    /// evidence distance (its own person and persons that rejected it left out).
    std::vector<std::pair<qint64, double>> likeliestPersons(qint64 faceId, int n = 3) const;
    /// Up to n faces of a person spread over the years (by photo date), oldest first.
    QList<qint64> spreadFaces(qint64 personId, int n) const;
    /// The faces of person `a` a "no" to "Same person as b?" marks as different
    /// people from b's: those closest to b (the question's evidence) and a few
    /// spread over the years, the faces the Review view shows.
    QList<qint64> facesToSetApart(qint64 a, qint64 b) const;
    /// When the photo of a face was taken (else the file's time), in ms since the epoch.
    qint64 takenMs(qint64 faceId) const;
    int faceCount() const { return int(m_faceIds.size()); }
    double radius() const { return m_radius; }
    QString errorString() const { return m_error; }

    /// The state the ranking reads, on plain arrays (indices into the faces).
    struct State
    {
        std::vector<qint64> faceIds;
        std::vector<qint64> photo;
        std::vector<qint64> person;             ///< 0: none
        std::vector<bool> active;               ///< false: a not-face, or a face of a hidden person
        QHash<qint64, QString> names;           ///< visible persons
        QSet<QPair<qint64, qint64>> rejections; ///< (face id, person id)
        std::vector<std::pair<int, int>> distinct; ///< face index pairs
    };
    /// Ranks the questions of `state` on `graph` (one row per face).
    static std::vector<ReviewQuestion> rank(const State &state, const KnnGraph &graph,
                                            double radius, double cut, double minLikelihood);

private:
    bool readState(Catalog &catalog, bool &sameFaces);
    void rerank();

    Options m_options;
    EncoderModel m_model = EncoderModel::Dlib;
    double m_cut = 0;
    double m_radius = 0;
    std::vector<qint64> m_faceIds;
    std::vector<qint64> m_taken;
    QHash<qint64, int> m_index;
    State m_state;
    std::shared_ptr<const KnnGraph> m_graph;
    std::vector<ReviewQuestion> m_questions;
    QString m_error;
};

} // namespace facefolio
