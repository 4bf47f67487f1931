// SPDX-License-Identifier: EUPL-1.2
#include "sroi/report/manage/mail.hpp"

#include "sroi/msg/manage.hpp"
#include "sroi/report/manage/tables.hpp"
#include "sroi/text/catalogue.hpp"

namespace sroi {
namespace {

using manage::Notice;
using manage::NoticeKind;

/// A contract's page in the portal.
std::string contract_url(const std::string& base, const std::string& id) {
  return base + "/contracts/" + url_segment(id);
}

/// The mail's sections: a heading and its items, each item a sentence and a link.
struct Item {
  std::string sentence, link;
};

class Composer {
 public:
  Composer(Lang lang, std::string url) : lang_(lang), url_(std::move(url)) {}
  std::string say(const Message& m) const { return text::say(m, lang_); }
  void paragraph(const std::string& p) {
    text_ += p + "\n\n";
    html_ += "<p>" + html_escaped(p) + "</p>\n";
  }
  void section(MsgId heading, const std::vector<Item>& items) {
    if (items.empty()) return;
    std::string h = say(msg(heading));
    text_ += h + ":\n";
    html_ += "<h3>" + html_escaped(h) + "</h3>\n<ul>\n";
    for (const auto& i : items) {
      text_ += "- " + i.sentence + "\n  " + i.link + "\n";
      html_ += "<li>" + html_escaped(i.sentence) + "<br><a href=\"" + html_escaped(i.link) + "\">" +
               html_escaped(i.link) + "</a></li>\n";
    }
    text_ += "\n";
    html_ += "</ul>\n";
  }
  Item item(const Notice& n) const {
    return {notice_sentence(n, lang_), contract_url(url_, n.contract->status.record.contract.id)};
  }
  std::string text() const { return text_; }
  std::string html() const {
    return "<!DOCTYPE html>\n<html><body style=\"font-family: sans-serif\">\n" + html_ +
           "</body></html>\n";
  }

 private:
  Lang lang_;
  std::string url_;
  std::string text_, html_;
};

/// "ON-2027-001, Nieuwbouw brede school": the id and what the contract is about.
std::string contract_label(const Contract& c) {
  return c.description.empty() ? c.id : c.id + ", " + c.description;
}

}  // namespace

std::string notice_sentence(const Notice& n, Lang lang) {
  const auto& c = n.contract->status.record.contract;
  switch (n.kind) {
    case NoticeKind::ReportOpen:
    case NoticeKind::ReportOverdue:
      return text::say(msg(Msg::MailReportItem, as_is(contract_label(c)),
                           phrase(period_name(n.report->period)), n.report->period.deadline),
                       lang);
    case NoticeKind::AtRisk: {
      std::string why;
      for (const auto& r : n.contract->status.risks)
        why += (why.empty() ? "" : "; ") + text::say(r, lang);
      return contract_label(c) + ": " + why;
    }
    case NoticeKind::NewHandIn:
      break;
  }
  const store::ImportRecord& i = *n.import;
  Date day = day_of(i.imported_at).value_or(Date{});
  return text::say(msg(Msg::MailHandInItem, as_is(contract_label(c)), as_is(i.source_file),
                       Amount{Ratio(i.rows), Counted::Rows}, day),
                   lang);
}

MsgId notice_heading(NoticeKind kind) {
  switch (kind) {
    case NoticeKind::ReportOverdue:
      return Msg::MailOverdueHeading;
    case NoticeKind::ReportOpen:
      return Msg::MailOpenHeading;
    case NoticeKind::AtRisk:
      return Msg::MailRiskHeading;
    case NoticeKind::NewHandIn:
      break;
  }
  return Msg::MailHandInsHeading;
}

mail::Mail reminder_mail(const manage::Reminder& r, const std::string& portal_url,
                         const Date& as_of) {
  const Lang lang = r.to.lang == "en" ? Lang::En : Lang::Nl;
  Composer c(lang, portal_url);
  std::vector<Item> overdue, open, risks, hand_ins;
  for (const auto& n : r.notices) {
    switch (n.kind) {
      case NoticeKind::ReportOverdue:
        overdue.push_back(c.item(n));
        break;
      case NoticeKind::ReportOpen:
        open.push_back(c.item(n));
        break;
      case NoticeKind::AtRisk:
        risks.push_back(c.item(n));
        break;
      case NoticeKind::NewHandIn:
        hand_ins.push_back(c.item(n));
        break;
    }
  }
  const bool supplier = r.to.role == store::Role::Supplier;
  mail::Mail m;
  m.to = r.to.email;
  // The subject names only what there is: "SROI-rapportages: 2 te laat".
  std::string what;
  auto part = [&](MsgId id, std::size_t n) {
    if (n) what += (what.empty() ? "" : ", ") + c.say(msg(id, static_cast<int64_t>(n)));
  };
  part(supplier ? Msg::MailSubjectOverdue : Msg::MailSubjectRisk,
       supplier ? overdue.size() : risks.size());
  part(supplier ? Msg::MailSubjectOpen : Msg::MailSubjectHandIns,
       supplier ? open.size() : hand_ins.size());
  m.subject = c.say(msg(supplier ? Msg::MailSubjectSupplier : Msg::MailSubjectBuyer, as_is(what)));
  c.paragraph(c.say(msg(Msg::MailGreeting, as_is(r.to.name))));
  c.paragraph(
      c.say(msg(supplier ? Msg::MailSupplierIntro : Msg::MailBuyerIntro, as_is(r.to.org), as_of)));
  c.section(Msg::MailOverdueHeading, overdue);
  c.section(Msg::MailOpenHeading, open);
  c.section(Msg::MailRiskHeading, risks);
  c.section(Msg::MailHandInsHeading, hand_ins);
  c.paragraph(c.say(msg(supplier ? Msg::MailSupplierClose : Msg::MailBuyerClose)));
  c.paragraph(c.say(msg(Msg::MailFooter, as_is(portal_url + "/meldingen"))));
  m.text = c.text();
  m.html = c.html();
  return m;
}

}  // namespace sroi
