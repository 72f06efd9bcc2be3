#pragma once

#include "catalog/embedding.h"

#include <QFuture>
#include <QString>
#include <functional>

namespace facefolio {

class Catalog;

struct ClusterOptions
{
    enum class Method
    {
        Auto,
        Dbscan,
        AverageLinkage,
        ChineseWhispers
    };
    Method method = Method::Auto; ///< Auto: average linkage
    // Distances are in the units of the catalog's model (dlib's 128-d space
    // or ArcFace's unit sphere): a value below 0 takes that model's default
    // (Clusterer::withDefaults).
    double eps = -1;       ///< DBSCAN radius
    int minSamples = 5;    ///< DBSCAN density, counting the face itself
    double threshold = -1; ///< linkage cut / whispers edge limit
    /// After average linkage, fragments join the person that clearly
    /// surrounds them (FragmentJoin, its distances scaled with the cut).
    bool fragmentJoin = true;
    /// LinkMerge after that: a bridge is shorter than the cut less this. Below
    /// 0: the model's default (ArcFace 0.2; dlib none: its bridges chained
    /// look-alike people, issue 16).
    double bridgeMargin = -1;
    /// Keep two faces of one photo out of one person. Turning this off gives
    /// DBSCAN exactly scikit-learn's partition on a catalog without decisions.
    bool samePhotoRule = true;
    /// Re-cluster every face instead of only the faces no clustering has seen.
    bool full = false;
    /// Compute the run and report what it would change (ClusterSummary's
    /// preview figures) without writing anything.
    bool dryRun = false;
    /// Incremental rule: a new face joins the person whose nearest faces
    /// (mean distance to at most the 5 closest) are within this, when that
    /// person is also clearly the closest.
    double joinDistance = -1;
};

struct ClusterSummary
{
    bool ok = false;
    QString error;
    bool cancelled = false;
    bool full = false;  ///< the run placed every face (asked to, or no person existed yet)
    int considered = 0; ///< faces the run placed (excludes not-faces and hidden persons)
    int joined = 0;     ///< incremental: new faces that joined an existing person
    int assigned = 0;   ///< faces in a person after the run
    int unassigned = 0; ///< of the considered faces, left without a person (noise)
    int persons = 0;    ///< persons with faces after the run (hidden ones included)
    int newPersons = 0;
    int removedPersons = 0; ///< unnamed persons left without faces, removed
    // What the run changes against the persons before it (also for a dry run):
    int movedFaces = 0;    ///< faces whose person changes (to none included)
    int joinedPersons = 0; ///< persons that become part of another
    int splitPersons = 0;  ///< extra persons made from the faces of one
    double seconds = 0;
};

/// Groups the catalog's faces into persons. Honours the user's decisions:
/// confirmed faces stay with their person, merged persons stay merged, a face
/// never returns to a person it was taken out of, not-faces and hidden
/// persons are left alone, and two faces of one photo never end in one
/// person by clustering. Person ids, names and covers stay with the group
/// of faces that mostly stays together.
class Clusterer final
{
public:
    static ClusterSummary run(Catalog &catalog, const ClusterOptions &options,
                              const std::function<bool()> &cancelled = {});
    /// Runs on a background thread with its own catalog connection.
    static QFuture<ClusterSummary> start(const QString &catalogPath, ClusterOptions options);
    /// The options with every distance left at its default (< 0) set to the
    /// value measured for `model` (bench/clustering/suite.sh).
    static ClusterOptions withDefaults(ClusterOptions options, EncoderModel model);
    static QString methodName(ClusterOptions::Method m);
    static bool parseMethod(const QString &name, ClusterOptions::Method &m);
};

} // namespace facefolio
