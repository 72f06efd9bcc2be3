// How the review questions are found and ranked (ReviewQuestions::rank), on
// the neighbour graph and the plain state of the catalog.
#include "clustering/neighboursearch.h"
#include "people/reviewquestions.h"
#include "people/reviewranking_p.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace facefolio {

namespace {

using PersonPair = std::pair<qint64, qint64>; ///< smaller id first

PersonPair pairOf(qint64 a, qint64 b)
{
    return a < b ? PersonPair{a, b} : PersonPair{b, a};
}

struct PairHash
{
    size_t operator()(const PersonPair &p) const
    {
        return std::hash<qint64>()(p.first * 1000003 + p.second);
    }
};

struct Edge
{
    PersonPair persons;
    float d;
    int i, j; ///< i < j
};

// Faces the ranking may use: active, and (for pairs) in a person.
bool usable(const ReviewQuestions::State &s, int i)
{
    return s.active[size_t(i)];
}

} // namespace

namespace detail {

double yesLikelihood(double distance, double cut)
{
    // Measured on the dev suite (bench_cluster review): pairs left apart by the
    // clustering are the same person about half the time at 1.12 × the cut,
    // and the odds fall quickly beyond it.
    const double mid = 1.12 * cut;
    const double width = 0.05 * cut;
    return 1.0 / (1.0 + std::exp((distance - mid) / width));
}

std::vector<std::pair<qint64, double>> personDistances(const ReviewQuestions::State &s,
                                                       const KnnGraph &graph, int i, double radius)
{
    // Per person: the mean distance to its min(3, size) nearest faces, a face
    // that is not among the k nearest counting as `radius` away.
    std::map<qint64, std::vector<float>> near;
    const auto nb = graph.neighbours(i);
    const auto dist = graph.distancesOf(i);
    for (size_t k = 0; k < nb.size(); ++k) {
        const int j = nb[k];
        const qint64 p = s.person[size_t(j)];
        if (!usable(s, j) || !p || p == s.person[size_t(i)] || dist[k] >= radius)
            continue;
        near[p].push_back(dist[k]);
    }
    std::vector<std::pair<qint64, double>> out;
    for (const auto &[p, ds] : near) {
        if (s.rejections.contains({s.faceIds[size_t(i)], p}))
            continue;
        out.emplace_back(p, 0.0);
        const int m = 3;
        double sum = 0;
        int used = 0;
        for (float d : ds)
            if (used < m) {
                sum += d;
                ++used;
            }
        // A person of fewer faces than m is judged on the faces it has.
        out.back().second = (sum + radius * (m - used)) / m;
    }
    std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) {
        return a.second != b.second ? a.second < b.second : a.first < b.first;
    });
    return out;
}

} // namespace detail

std::vector<ReviewQuestion> ReviewQuestions::rank(const State &s, const KnnGraph &graph,
                                                  double radius, double cut, double minLikelihood)
{
    const int n = int(s.faceIds.size());
    std::unordered_map<qint64, int> size;
    for (int i = 0; i < n; ++i)
        if (usable(s, i) && s.person[size_t(i)])
            ++size[s.person[size_t(i)]];

    // Persons sharing a photo are different people; so are persons the user
    // said are (a pair of their faces in face_distinct).
    std::unordered_set<PersonPair, PairHash> blocked;
    std::unordered_map<qint64, std::vector<qint64>> personsInPhoto;
    for (int i = 0; i < n; ++i)
        if (usable(s, i) && s.person[size_t(i)]) {
            auto &list = personsInPhoto[s.photo[size_t(i)]];
            if (std::find(list.begin(), list.end(), s.person[size_t(i)]) == list.end())
                list.push_back(s.person[size_t(i)]);
        }
    for (const auto &[photo, list] : personsInPhoto)
        for (size_t a = 0; a < list.size(); ++a)
            for (size_t b = a + 1; b < list.size(); ++b)
                blocked.insert(pairOf(list[a], list[b]));
    // Face questions: the face's own photo, and faces the user set apart from it.
    std::unordered_set<PersonPair, PairHash> faceBlocked; // (face index, person)
    for (const auto &[x, y] : s.distinct) {
        const qint64 px = s.person[size_t(x)], py = s.person[size_t(y)];
        if (px && py && px != py)
            blocked.insert(pairOf(px, py));
        if (!px && py)
            faceBlocked.insert({x, py});
        if (!py && px)
            faceBlocked.insert({y, px});
    }

    std::vector<ReviewQuestion> out;
    // Same person?
    std::vector<Edge> edges;
    for (int i = 0; i < n; ++i) {
        const qint64 pi = s.person[size_t(i)];
        if (!usable(s, i) || !pi)
            continue;
        const auto nb = graph.neighbours(i);
        const auto dist = graph.distancesOf(i);
        for (size_t k = 0; k < nb.size(); ++k) {
            const int j = nb[k];
            const qint64 pj = s.person[size_t(j)];
            if (dist[k] >= radius)
                break;
            if (!usable(s, j) || !pj || pj == pi)
                continue;
            const PersonPair key = pairOf(pi, pj);
            if (blocked.count(key))
                continue;
            edges.push_back({key, dist[k], std::min(i, j), std::max(i, j)});
        }
    }
    std::sort(edges.begin(), edges.end(), [](const Edge &a, const Edge &b) {
        return std::tie(a.persons, a.d, a.i, a.j) < std::tie(b.persons, b.d, b.i, b.j);
    });
    std::unordered_map<qint64, double> bestOf; // person: its closest other group
    struct PairScore
    {
        PersonPair persons;
        double d;
        QList<qint64> evA, evB; // evA: faces of persons.first
    };
    std::vector<PairScore> pairs;
    for (size_t e = 0; e < edges.size();) {
        size_t end = e;
        while (end < edges.size() && edges[end].persons == edges[e].persons)
            ++end;
        const PersonPair key = edges[e].persons;
        const int smaller = std::min(size[key.first], size[key.second]);
        const int m = std::min(3, smaller);
        double sum = 0;
        int used = 0;
        PairScore ps{key, 0, {}, {}};
        for (size_t k = e; k < end && used < m; ++k) {
            if (k > e && edges[k].i == edges[k - 1].i && edges[k].j == edges[k - 1].j)
                continue; // the same pair seen from both faces
            sum += edges[k].d;
            ++used;
        }
        for (size_t k = e; k < end && (ps.evA.size() < 3 || ps.evB.size() < 3); ++k) {
            for (int f : {edges[k].i, edges[k].j}) {
                QList<qint64> &side = s.person[size_t(f)] == key.first ? ps.evA : ps.evB;
                if (side.size() < 3 && !side.contains(s.faceIds[size_t(f)]))
                    side.append(s.faceIds[size_t(f)]);
            }
        }
        ps.d = (sum + radius * (m - used)) / m;
        for (qint64 p : {key.first, key.second}) {
            auto it = bestOf.find(p);
            if (it == bestOf.end() || ps.d < it->second)
                bestOf[p] = ps.d;
        }
        pairs.push_back(std::move(ps));
        e = end;
    }
    for (PairScore &ps : pairs) {
        const qint64 a = ps.persons.first, b = ps.persons.second;
        double like = detail::yesLikelihood(ps.d, cut);
        // Relative to what else is near: a pair that is neither side's
        // closest other group is less likely one person.
        const double slack = 0.02 * cut;
        if (ps.d > bestOf[a] + slack && ps.d > bestOf[b] + slack)
            like *= 0.5;
        // Two names the user gave differently are most likely two people.
        const QString na = s.names.value(a), nb = s.names.value(b);
        if (!na.isEmpty() && !nb.isEmpty() && na.compare(nb, Qt::CaseInsensitive) != 0)
            like *= 0.3;
        if (like < minLikelihood)
            continue;
        ReviewQuestion q;
        q.kind = ReviewQuestion::Kind::SamePerson;
        const bool aLarger = size[a] > size[b] || (size[a] == size[b] && a < b);
        q.personA = aLarger ? a : b;
        q.personB = aLarger ? b : a;
        q.evidenceA = aLarger ? ps.evA : ps.evB;
        q.evidenceB = aLarger ? ps.evB : ps.evA;
        q.distance = ps.d;
        q.likelihood = like;
        q.score = like * detail::benefit(size[a], size[b]);
        out.push_back(std::move(q));
    }

    // Is this X? Faces without a person near a person.
    for (int i = 0; i < n; ++i) {
        if (!usable(s, i) || s.person[size_t(i)])
            continue;
        std::vector<std::pair<qint64, double>> cand = detail::personDistances(s, graph, i, radius);
        const auto inPhoto = personsInPhoto.find(s.photo[size_t(i)]);
        cand.erase(std::remove_if(cand.begin(), cand.end(),
                                  [&](const auto &c) {
                                      return faceBlocked.count({i, c.first}) ||
                                             (inPhoto != personsInPhoto.end() &&
                                              std::find(inPhoto->second.begin(),
                                                        inPhoto->second.end(),
                                                        c.first) != inPhoto->second.end());
                                  }),
                   cand.end());
        if (cand.empty())
            continue;
        double like = detail::yesLikelihood(cand[0].second, cut);
        if (cand.size() > 1 && cand[1].second - cand[0].second < 0.03 * cut)
            like *= 0.5;
        if (like < minLikelihood)
            continue;
        ReviewQuestion q;
        q.kind = ReviewQuestion::Kind::Face;
        q.face = s.faceIds[size_t(i)];
        q.personA = cand[0].first;
        q.distance = cand[0].second;
        q.likelihood = like;
        q.score = like * detail::benefit(1, size[cand[0].first]);
        out.push_back(std::move(q));
    }
    std::sort(out.begin(), out.end(), [](const ReviewQuestion &a, const ReviewQuestion &b) {
        if (a.score != b.score)
            return a.score > b.score;
        return std::tie(a.personA, a.personB, a.face) < std::tie(b.personA, b.personB, b.face);
    });
    return out;
}

namespace detail {

double benefit(int a, int b)
{
    // What a yes fixes: BCubed recall grows with the pairs a join makes
    // (a·b), but a question about two large groups is not worth a hundred
    // about small ones; the logarithm keeps large groups first without
    // letting them swamp the list.
    return std::log2(1.0 + double(a) * double(b));
}

} // namespace detail

} // namespace facefolio
