#include "clustering/averagelinkage.h"
#include "clustering/chinesewhispers.h"
#include "clustering/dbscan.h"
#include "people/clusterlabels_p.h"

#include <QThread>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>
#include <algorithm>
#include <map>
#include <numeric>

namespace facefolio::detail {

std::vector<std::pair<int, int>> samePhotoPairs(const std::vector<qint64> &photo)
{
    std::map<qint64, std::vector<int>> byPhoto;
    for (size_t i = 0; i < photo.size(); ++i)
        byPhoto[photo[i]].push_back(int(i));
    std::vector<std::pair<int, int>> pairs;
    for (const auto &[id, members] : byPhoto)
        for (size_t a = 0; a < members.size(); ++a)
            for (size_t b = a + 1; b < members.size(); ++b)
                pairs.emplace_back(members[a], members[b]);
    return pairs;
}

std::vector<int> computeLabels(const LabelInput &in, const ClusterOptions &options,
                               const std::function<bool()> &cancelled)
{
    if (in.embeddings.empty())
        return {};
    ClusterControl control;
    control.cancelled = cancelled;
    ClusterConstraints constraints;
    constraints.cannotLink = in.cannotLink;
    constraints.loose = in.loose;
    std::map<int, std::vector<int>> groups;
    for (size_t i = 0; i < in.group.size(); ++i)
        if (in.group[i] >= 0)
            groups[in.group[i]].push_back(int(i));
    for (auto &[g, members] : groups)
        constraints.mustLink.push_back(members);
    // Two persons the user confirmed faces for are two people.
    for (auto a = groups.begin(); a != groups.end(); ++a)
        for (auto b = std::next(a); b != groups.end(); ++b)
            constraints.cannotLink.emplace_back(a->second.front(), b->second.front());

    std::optional<std::vector<int>> labels;
    switch (options.method) {
    case ClusterOptions::Method::Dbscan:
        labels = Dbscan::run(in.embeddings, options.eps, options.minSamples, control);
        break;
    case ClusterOptions::Method::ChineseWhispers: {
        ChineseWhispers::Options o;
        o.threshold = options.threshold;
        labels = ChineseWhispers::run(in.embeddings, o, constraints, control);
        break;
    }
    case ClusterOptions::Method::AverageLinkage:
    case ClusterOptions::Method::Auto: {
        AverageLinkage::Options o;
        o.cut = options.threshold;
        o.fragments.reset();
        if (options.fragmentJoin)
            o.fragments = FragmentJoin::Options::forCut(options.threshold);
        if (options.bridgeMargin >= 0) {
            o.bridges = LinkMerge::Options{};
            o.bridges->margin = options.bridgeMargin;
        }
        labels = AverageLinkage::run(in.embeddings, o, constraints, control);
        break;
    }
    }
    return labels ? *labels : std::vector<int>(in.embeddings.size(), -1);
}

void enforceConstraints(const LabelInput &in, std::vector<int> &labels)
{
    const size_t n = labels.size();
    int next = labels.empty() ? 0 : *std::max_element(labels.begin(), labels.end()) + 1;
    next = std::max(next, 0);

    std::map<int, std::vector<int>> members; // group -> faces
    for (size_t i = 0; i < n; ++i)
        if (in.group[i] >= 0)
            members[in.group[i]].push_back(int(i));
    std::vector<int> order;
    for (const auto &[g, m] : members)
        order.push_back(g);
    std::stable_sort(order.begin(), order.end(),
                     [&](int a, int b) { return members[a].size() > members[b].size(); });

    // Which groups each original cluster held, before groups are moved.
    std::map<int, std::vector<int>> groupsIn;
    for (const auto &[g, m] : members)
        for (int i : m)
            if (labels[size_t(i)] >= 0) {
                auto &v = groupsIn[labels[size_t(i)]];
                if (std::find(v.begin(), v.end(), g) == v.end())
                    v.push_back(g);
            }

    std::map<int, int> owner;   // label -> group
    std::map<int, int> labelOf; // group -> label
    for (int g : order) {
        std::map<int, int> votes;
        for (int i : members[g])
            if (labels[size_t(i)] >= 0)
                ++votes[labels[size_t(i)]];
        int best = -1, bestVotes = 0;
        for (const auto &[l, v] : votes)
            if (!owner.count(l) && v > bestVotes) {
                best = l;
                bestVotes = v;
            }
        if (best < 0)
            best = next++;
        owner[best] = g;
        labelOf[g] = best;
        for (int i : members[g])
            labels[size_t(i)] = best;
    }

    // Unconfirmed faces of a cluster that held several groups go to the
    // group whose confirmed faces are nearest.
    std::vector<int> original = labels;
    for (size_t i = 0; i < n; ++i) {
        if (in.group[i] >= 0 || labels[i] < 0)
            continue;
        const auto it = groupsIn.find(labels[i]);
        if (it == groupsIn.end() || it->second.size() < 2)
            continue;
        float bestDist = 1e9f;
        int bestGroup = -1;
        for (int g : it->second)
            for (int m : members[g]) {
                const float dist = embeddingDistance(in.embeddings[i], in.embeddings[size_t(m)]);
                if (dist < bestDist) {
                    bestDist = dist;
                    bestGroup = g;
                }
            }
        labels[i] = labelOf[bestGroup];
    }

    // Cannot-links: drop the unconfirmed face farther from its cluster's centre.
    std::map<int, std::pair<std::array<double, 128>, int>> sums;
    for (size_t i = 0; i < n; ++i) {
        if (labels[i] < 0)
            continue;
        auto &[sum, count] = sums[labels[i]];
        for (size_t k = 0; k < 128; ++k)
            sum[k] += in.embeddings[i][k];
        ++count;
    }
    auto distToCentre = [&](int i) {
        const auto &[sum, count] = sums[labels[size_t(i)]];
        double d2 = 0;
        for (size_t k = 0; k < 128; ++k) {
            const double d = in.embeddings[size_t(i)][k] - sum[k] / count;
            d2 += d * d;
        }
        return d2;
    };
    for (const auto &[a, b] : in.cannotLink) {
        const int la = labels[size_t(a)], lb = labels[size_t(b)];
        if (la < 0 || la != lb)
            continue;
        const bool ca = in.group[size_t(a)] >= 0, cb = in.group[size_t(b)] >= 0;
        if (ca && cb)
            continue; // both placed by the user: their call
        int drop;
        if (ca != cb)
            drop = ca ? b : a;
        else
            drop = distToCentre(a) > distToCentre(b) ? a : b;
        labels[size_t(drop)] = -1;
    }
}

JoinResult joinExisting(const JoinInput &in, double joinDistance)
{
    const size_t n = in.embeddings.size();
    JoinResult out;
    out.person.assign(n, 0);
    std::vector<int> assigned, fresh;
    for (size_t i = 0; i < n; ++i) {
        if (in.person[i])
            assigned.push_back(int(i));
        else if (in.isNew[i])
            fresh.push_back(int(i));
    }
    if (assigned.empty() || fresh.empty())
        return out;

    struct Choice
    {
        qint64 person = 0;
        float score = 0;
    };
    std::vector<Choice> choice(fresh.size());
    std::vector<int> jobs(fresh.size());
    std::iota(jobs.begin(), jobs.end(), 0);
    constexpr size_t kNearest = 64; // persons outside a face's 64 nearest faces are far
    // A pool of its own: this runs on a thread of the global pool while a
    // scan may hold the others, and the global pool would queue these jobs
    // until the scan ends.
    QThreadPool pool;
    pool.setMaxThreadCount(QThread::idealThreadCount());
    QtConcurrent::blockingMap(&pool, jobs, [&](int j) {
        const int i = fresh[size_t(j)];
        std::vector<std::pair<float, qint64>> near;
        near.reserve(assigned.size());
        for (int a : assigned)
            near.emplace_back(embeddingDistance(in.embeddings[size_t(i)], in.embeddings[size_t(a)]),
                              in.person[size_t(a)]);
        const size_t keep = std::min(kNearest, near.size());
        std::partial_sort(near.begin(), near.begin() + long(keep), near.end());
        std::map<qint64, std::pair<float, int>> perPerson; // sum, count of at most 5
        for (size_t k = 0; k < keep; ++k) {
            auto &[sum, count] = perPerson[near[k].second];
            if (count < 5) {
                sum += near[k].first;
                ++count;
            }
        }
        float best = 1e9f, second = 1e9f;
        qint64 bestPerson = 0;
        for (const auto &[p, sc] : perPerson) {
            const float mean = sc.first / float(sc.second);
            if (in.rejections.contains({in.faceIds[size_t(i)], p}))
                continue;
            if (mean < best) {
                second = best;
                best = mean;
                bestPerson = p;
            } else if (mean < second) {
                second = mean;
            }
        }
        // The clear-winner margin scales with the model's distances (0.03 for dlib's 0.5).
        if (bestPerson && best <= joinDistance && second - best >= 0.06 * joinDistance)
            choice[size_t(j)] = {bestPerson, best};
    });

    // One face per photo and person: existing faces win, then the closest new one.
    QSet<QPair<qint64, qint64>> taken; // (photo, person)
    for (int a : assigned)
        taken.insert({in.photo[size_t(a)], in.person[size_t(a)]});
    std::vector<int> byScore(fresh.size());
    std::iota(byScore.begin(), byScore.end(), 0);
    std::stable_sort(byScore.begin(), byScore.end(), [&](int a, int b) {
        return choice[size_t(a)].score < choice[size_t(b)].score;
    });
    for (int j : byScore) {
        const Choice &c = choice[size_t(j)];
        const int i = fresh[size_t(j)];
        if (!c.person || taken.contains({in.photo[size_t(i)], c.person}))
            continue;
        taken.insert({in.photo[size_t(i)], c.person});
        out.person[size_t(i)] = c.person;
    }
    return out;
}

} // namespace facefolio::detail
