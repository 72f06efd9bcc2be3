// The main window's browsing by people (issue 19): several persons selected
// together show the photos where all of them appear, "only them" leaves out
// photos with other named people; a person's birth date, for their age on
// each photo.
#include "facegridmodel.h"
#include "mainwindow.h"
#include "people/peopleservice.h"
#include "people/personage.h"
#include "peoplecontroller.h"
#include "personfiltermodel.h"
#include "personlistmodel.h"
#include "photogridmodel.h"

#include <QCheckBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QLocale>
#include <QPushButton>
#include <QSlider>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace facefolio {

void MainWindow::selectPersons(const QList<qint64> &personIds)
{
    if (personIds.size() < 2) {
        selectPerson(personIds.value(0, PersonListModel::kUnknown));
        return;
    }
    QItemSelection selection;
    QModelIndex first;
    for (qint64 id : personIds) {
        const QModelIndex i = m_personFilter->mapFromSource(m_personModel->indexOfPerson(id));
        if (!i.isValid())
            continue;
        selection.select(i, i);
        if (!first.isValid())
            first = i;
    }
    m_together = personIds;
    m_current = first.data(PersonListModel::PersonIdRole).toLongLong();
    // The selection first, so that the current row's change does not show
    // one person on the way.
    m_peopleView->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
    m_peopleView->selectionModel()->setCurrentIndex(first, QItemSelectionModel::NoUpdate);
    showPerson();
}

void MainWindow::onPeopleSelectionChanged()
{
    QList<qint64> selected;
    QModelIndexList rows = m_peopleView->selectionModel()->selectedIndexes();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    for (const QModelIndex &i : std::as_const(rows))
        if (const qint64 id = i.data(PersonListModel::PersonIdRole).toLongLong(); id > 0)
            selected << id;
    if (selected.size() < 2) {
        if (m_together.isEmpty())
            return;
        m_together.clear();
        showPerson();
        return;
    }
    // The persons picked earlier keep their place ("Mom and Minji" stays so
    // when Dad is added).
    QList<qint64> ordered;
    for (qint64 id : std::as_const(m_together))
        if (selected.contains(id))
            ordered << id;
    for (qint64 id : std::as_const(selected))
        if (!ordered.contains(id))
            ordered << id;
    if (ordered == m_together)
        return;
    m_together = ordered;
    m_userChosePerson = true;
    showPerson();
}

QString MainWindow::togetherNames(bool forHeading) const
{
    QStringList names;
    for (qint64 id : m_together)
        names << m_personModel->indexOfPerson(id)
                     .data(Qt::DisplayRole)
                     .toString()
                     .section(u'\n', 0, 0);
    if (!forHeading || names.size() < 2)
        return names.join(QStringLiteral(" + "));
    const QString last = names.takeLast();
    return tr("%1 and %2", "a list of people: Mom, Minji and Dad")
        .arg(names.join(tr(", ", "between the names of a list")), last);
}

void MainWindow::showTogether()
{
    m_photoModel->setPersons(m_together, m_onlyThem->isChecked());
    m_stack->setCurrentWidget(m_photoView);
    m_onlyThem->setVisible(true);
    const QString names = togetherNames(true);
    m_heading->setText(m_onlyThem->isChecked()
                           ? tr("Photos of only %1: %2").arg(names).arg(m_photoModel->photoCount())
                           : tr("Photos with %1: %2").arg(names).arg(m_photoModel->photoCount()));
    updateActions();
}

void MainWindow::applyShowAges()
{
    m_faceModel->setShowAges(m_showAges->isChecked());
    m_photoModel->setShowAges(m_showAges->isChecked());
    setZoom(m_zoom->value());
}

void MainWindow::editBirthDate()
{
    if (m_current <= 0)
        return;
    const std::optional<PersonInfo> person = m_controller->service().person(m_current);
    if (!person)
        return;
    QDialog dlg(this);
    dlg.setWindowTitle(tr("Birth Date of %1").arg(person->displayName()));
    // Typed as digits (a date edit's sections swallow a typed "2015-02-28");
    // what it is read as is said under it as it is typed.
    auto *edit = new QLineEdit(&dlg);
    edit->setObjectName(QStringLiteral("birthDate"));
    edit->setPlaceholderText(tr("YYYY-MM-DD"));
    if (person->birthDate.isValid())
        edit->setText(person->birthDate.toString(Qt::ISODate));
    auto *reading = new QLabel(&dlg);
    auto *note = new QLabel(tr("The face and photo grids show %1's age on each photo "
                               "(View > Show Ages), and the photos can be grouped by age.")
                                .arg(person->displayName()),
                            &dlg);
    note->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dlg);
    QPushButton *ok = buttons->button(QDialogButtonBox::Ok);
    QPushButton *remove = buttons->addButton(tr("&Remove Birth Date"), QDialogButtonBox::ResetRole);
    remove->setEnabled(person->birthDate.isValid());
    QDate date;
    const auto check = [&] {
        date = QDate::fromString(edit->text().trimmed(), QStringLiteral("yyyy-M-d"));
        if (!date.isValid())
            date = QLocale().toDate(edit->text().trimmed(), QLocale::ShortFormat);
        QString why;
        if (!date.isValid())
            why = edit->text().trimmed().isEmpty() ? QString() : tr("Not a date yet");
        else if (date > QDate::currentDate())
            why = tr("A birth date cannot be in the future");
        else if (date.year() < 1800)
            why = tr("A birth date must be in 1800 or later");
        if (why.isEmpty() && date.isValid())
            reading->setText(tr("%1, %2 today")
                                 .arg(QLocale().toString(date, QLocale::LongFormat),
                                      ageText(*ageOn(date, QDate::currentDate()))));
        else
            reading->setText(why);
        ok->setEnabled(why.isEmpty() && date.isValid());
    };
    connect(edit, &QLineEdit::textChanged, &dlg, check);
    check();
    bool removeIt = false;
    connect(buttons, &QDialogButtonBox::accepted, &dlg, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dlg, &QDialog::reject);
    connect(remove, &QPushButton::clicked, &dlg, [&] {
        removeIt = true;
        dlg.accept();
    });
    auto *form = new QFormLayout;
    form->addRow(tr("Born on:"), edit);
    form->addRow(QString(), reading);
    auto *layout = new QVBoxLayout(&dlg);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(buttons);
    if (dlg.exec() != QDialog::Accepted)
        return;
    if (removeIt)
        date = QDate();
    if (date != person->birthDate)
        m_controller->setBirthDate(m_current, date);
}

} // namespace facefolio
