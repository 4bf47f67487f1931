// SPDX-License-Identifier: EUPL-1.2
// Contract management in the portal: the inbox of an account's notices (the same as `sroi
// remind` mails it), each marked when it went out by e-mail.
#include "sroi/manage/reminders.hpp"
#include "sroi/msg/manage.hpp"
#include "sroi/msg/portal.hpp"
#include "sroi/portal/portal.hpp"
#include "sroi/report/manage/mail.hpp"

namespace sroi::portal {

void Portal::inbox(Call& c) {
  const auto& req = c.req;
  auto view = status_.get();
  int refresh = 0;
  Html body = as_of_line(req, *view, refresh);
  std::vector<manage::ContractDue> due;
  std::optional<store::UserRecord> me;
  std::set<std::string> mailed;
  std::map<std::string, std::vector<store::ImportRecord>> imports;
  {
    auto lease = pool_.read();
    me = lease->find_user(c.id().name);
    if (me) mailed = lease->notices_sent(me->name);
    for (const auto* s : mine(*view, c.id())) {
      const std::string& id = s->record.contract.id;
      imports[id] = lease->imports(std::optional<std::string>(id));
      manage::ContractDue d;
      static_cast<manage::ContractReports&>(d) =
          manage::contract_reports(s->record.contract, s->region, imports[id], view->as_of);
      d.status = *s;
      due.push_back(std::move(d));
    }
  }
  std::vector<manage::Notice> notices;
  if (me) {
    auto found = manage::reminders(due, {*me}, imports, view->as_of, {});
    if (!found.empty()) notices = std::move(found.front().notices);
  }
  if (me && !me->email.empty())
    body += para(said(req, msg(Msg::InboxMailedTo, as_is(me->email))));
  else
    body += para(said(req, msg(Msg::InboxNoAddress, as_is(c.id().name))));
  if (notices.empty()) {
    body += para(said(req, msg(Msg::InboxEmpty, view->as_of)), "ok");
  } else {
    const Lang l = lang(req);
    for (manage::NoticeKind kind :
         {manage::NoticeKind::ReportOverdue, manage::NoticeKind::ReportOpen,
          manage::NoticeKind::AtRisk, manage::NoticeKind::NewHandIn}) {
      std::vector<Html> items;
      for (const auto& n : notices) {
        if (n.kind != kind) continue;
        const std::string& id = n.contract->status.record.contract.id;
        Html item = link("/contracts/" + url_part(id), Html::text(notice_sentence(n, l)));
        if (mailed.count(n.key)) item += " <small>(" + said(req, Msg::InboxMailed) + ")</small>";
        items.push_back(item);
      }
      if (items.empty()) continue;
      body += "<h2>" + said(req, notice_heading(kind)) + "</h2>" + bullets(items);
    }
  }
  page(req, c.res, word(req, Msg::InboxTitle), body, c.who, refresh);
}

}  // namespace sroi::portal
