// The window's way into the review questions: People > Review…, the
// "n questions" badge above the people list, and the likeliest persons of a
// face in the faces' context menu.
#include "mainwindow.h"
#include "peoplecontroller.h"
#include "reviewdialog.h"
#include "reviewsession.h"

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

void MainWindow::updateReviewBadge()
{
    const int n = m_review->count();
    m_reviewBadge->setText(tr("%n question(s) to review", nullptr, n));
    m_reviewBadge->setVisible(n > 0);
}

} // namespace facefolio
