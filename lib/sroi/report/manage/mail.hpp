// SPDX-License-Identifier: EUPL-1.2
// A reminder as a mail, in the account's language: a plain-text part and a simple HTML part,
// each notice with a link to its contract's page in the portal.
#pragma once

#include <string>

#include "sroi/mail/mail.hpp"
#include "sroi/manage/reminders.hpp"

namespace sroi {

/// A notice as one sentence in `lang` ("ON-2027-001, Nieuwbouw …: 2e kwartaal 2027, uiterlijk
/// 30-7-2027"), as the mail and the portal's inbox list it.
std::string notice_sentence(const manage::Notice& n, Lang lang);
/// The heading a notice is listed under ("Te laat", "Contracten met risico", …).
MsgId notice_heading(manage::NoticeKind kind);

mail::Mail reminder_mail(const manage::Reminder& r, const std::string& portal_url,
                         const Date& as_of);

}  // namespace sroi
