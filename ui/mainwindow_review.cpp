// The window's way into the review questions: People > Review…, the
// "n questions" badge above the people list, and the likeliest persons of a
// face in the faces' context menu.
#include "catalog/catalog.h"
#include "facegridmodel.h"
#include "mainwindow.h"
#include "peoplecontroller.h"
#include "personlistmodel.h"
#include "reviewdialog.h"
#include "reviewsession.h"
#include "strictnessdialog.h"

#include <QAction>
#include <QMenu>
#include <QToolButton>

namespace facefolio {

ReviewDialog *MainWindow::reviewDialog() const
{
    return m_reviewDialog;
}

void MainWindow::reviewPeople()
{
    if (!m_reviewDialog) {
        m_reviewDialog = new ReviewDialog(m_review, m_controller.get(), m_thumbnails, this);
        m_reviewDialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_reviewDialog->show();
    m_reviewDialog->raise();
    m_reviewDialog->activateWindow();
}

void MainWindow::strictnessDialog()
{
    const EncoderModel model = m_controller->catalog().encoder().value_or(EncoderModel::Dlib);
    StrictnessDialog dlg(m_controller->catalogPath(), model, m_clusterOptions, this);
    if (dlg.exec() != QDialog::Accepted)
        return;
    // Later clusterings (a scan's new faces) keep the chosen strictness.
    m_clusterOptions.threshold = dlg.options().threshold;
    m_work->setClusterOptions(m_clusterOptions);
    m_work->recluster(dlg.options());
}

void MainWindow::updateReviewBadge()
{
    const int n = m_review->count();
    m_reviewBadge->setText(tr("%n question(s) to review", nullptr, n));
    m_reviewBadge->setVisible(n > 0);
    if (m_likeliestFirst->isChecked())
        updateLikeliestOrder();
}

void MainWindow::updateLikeliestOrder()
{
    QHash<qint64, std::pair<qint64, double>> order;
    const auto questions = m_review->questions();
    if (m_likeliestFirst->isChecked() && questions)
        for (const FaceRecord &f : m_controller->catalog().facesOfPerson(0, false)) {
            const auto likely = questions->likeliestPersons(f.id, 1);
            if (!likely.empty())
                order.insert(f.id, likely.front());
        }
    m_faceModel->setLikeliest(std::move(order));
}

void MainWindow::addLikeliestActions(QMenu &menu)
{
    const QList<qint64> faces = selectedFaces();
    const auto questions = m_review->questions();
    if (faces.size() != 1 || !questions)
        return;
    const auto likely = questions->likeliestPersons(faces.front(), 3);
    if (likely.empty())
        return;
    menu.addSection(tr("Likeliest persons"));
    const qint64 own = m_faceModel->person();
    for (const auto &[person, distance] : likely) {
        if (person == own)
            continue;
        const auto info = m_controller->service().person(person);
        if (!info)
            continue;
        const qint64 face = faces.front();
        menu.addAction(tr("Move to %1").arg(info->displayName()), this,
                       [this, face, person = person] { m_controller->moveFaces({face}, person); });
    }
}

} // namespace facefolio
