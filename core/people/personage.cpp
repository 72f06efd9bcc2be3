#include "people/personage.h"

#include <QCoreApplication>

namespace facefolio {

std::optional<Age> ageOn(const QDate &birth, const QDate &on)
{
    if (!birth.isValid() || !on.isValid() || on < birth)
        return std::nullopt;
    // Months from birth, less one when the day of the month is not reached
    // yet. A birthday on a day the month lacks (29 February, 31 April) is
    // reached on the first day of the next month.
    int months = (on.year() - birth.year()) * 12 + (on.month() - birth.month());
    if (on.day() < birth.day())
        --months;
    return Age{months / 12, months % 12};
}

QString ageText(const Age &age)
{
    if (age.years < 2)
        return QCoreApplication::translate("facefolio::Age", "%1 mo")
            .arg(age.years * 12 + age.months);
    return QCoreApplication::translate("facefolio::Age", "%1 y").arg(age.years);
}

QString ageGroupText(int years)
{
    if (years <= 0)
        return QCoreApplication::translate("facefolio::Age", "First year");
    return QCoreApplication::translate("facefolio::Age", "Age %1").arg(years);
}

} // namespace facefolio
