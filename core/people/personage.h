#pragma once

#include <QDate>
#include <QString>
#include <optional>

namespace facefolio {

/// How old someone born on one day is on another.
struct Age
{
    int years = 0;
    int months = 0; ///< whole months past the last birthday, 0–11

    bool operator==(const Age &) const = default;
};

/// The age on `on` of someone born on `birth`: whole years and months, as
/// people count them (a year is complete on the birthday). Someone born on
/// 29 February turns a year older on 1 March in other years. Nothing when
/// either date is invalid or `on` is before `birth`.
std::optional<Age> ageOn(const QDate &birth, const QDate &on);

/// The age as the grids label it: "3 y", "34 y", and under two years in
/// months ("8 mo", "23 mo"), since "0 y" and "1 y" say little about a baby.
QString ageText(const Age &age);

/// The heading of a group of photos taken at one age in years: "Age 3",
/// and "First year" for 0.
QString ageGroupText(int years);

} // namespace facefolio
