"""Scenario needs met in the trainee's own words (domain.md §3.3 act now; §3.1 ask; §7).

A need the rules cannot meet through a behaviour (restore the line, send an engineer, ask
head office…) is met only by its scenario's phrases, so a trainee who does the right thing in
other words never resolved the session. Held-out paraphrases, each written before it was run:

* round 1: 41 of 42 missed their need;
* round 2 (fresh, after round 1's phrase families): 7 of 36 missed (27 of 36 with the old lists);
* round 3 (fresh, after round 2's): 8 of 16 missed, and 2 of 5 near-misses met a need wrongly
  (补好 and 恢复正常 were too broad and went).

The phrase families added are verbs and objects of each need said other ways (复通, 停机解除,
"service back on"; 技术人员上门, "send a technician"; 改派, "a different technician"). Each
round still found wordings the lists lack: a need as a list of phrases has a long tail.
A fourth fresh round, left unfixed to measure that tail, missed 7 of 14. So a need can now
also be met by a frame (``m.Frame``): a word from each of two or more groups in one clause,
an act and its object (恢复 … 电话, "engineer" … "visit"); negation reads it as a phrase.
The seven phrase-only needs have one each, written from round 4's misses. A fifth fresh
round, written before it was run: 0 of 14 missed with the frames, 9 of 14 with the phrases
alone; 2 of its 10 near-misses meet a need wrongly with or without frames (a phrase named in
advice or in an excuse), and 数据恢复不了 (a "cannot" complement) no longer meets one.
A sixth fresh round: 12 of 14 met on first run; both misses and two wrong meets (入账 and 补丁
in a clause that only looks into them) were mended (see the round 6 cases).
"""


from __future__ import annotations

import re
from pathlib import Path

import pytest

from simulator.content import load_content
from simulator.engine.step import read_reply
from simulator.errors import ContentError

ROOT = Path(__file__).resolve().parent.parent

ADVICE = "a need's word named in advice or an excuse, not done: the words alone cannot tell"


def met(rules, scenario, text):
    return {n.need for n in read_reply(rules, scenario, text).need_hits}


@pytest.mark.parametrize(("scenario", "need", "text"), [
    ('billing-error', 'restore_line', '您的号码已经给您恢复了，现在可以正常打电话了。'),  # round 1
    ('billing-error', 'restore_line', '停机已经解除了，您试一下。'),  # round 1
    ('billing-error', 'restore_line', '我这边马上给您办理复通。'),  # round 1
    ('billing-error', 'restore_line', '线路已经恢复正常使用了。'),  # round 1
    ('billing-error', 'restore_line', '已经帮您把号码重新开起来了。'),  # round 1
    ('billing-error', 'restore_line', "I've turned your service back on."),  # round 1
    ('billing-error', 'restore_line', 'Your phone is working again now.'),  # round 1
    ('billing-error', 'restore_line', "I've lifted the suspension on your number."),  # round 1
    ('billing-error', 'restore_line', 'Your number has been unblocked.'),  # round 1
    ('billing-error', 'restore_line', "I'll get your line reactivated right away."),  # round 1
    ('billing-error', 'check_payment', '您是在哪里交的费？'),  # round 1
    ('billing-error', 'check_payment', '麻烦把缴费的截图发我看一下。'),  # round 1
    ('billing-error', 'check_payment', '我查了您的缴费情况，钱确实到账了。'),  # round 1
    ('billing-error', 'check_payment', '您还记得是哪天交的吗？'),  # round 1
    ('billing-error', 'check_payment', 'Where did you make the payment?'),  # round 1
    ('billing-error', 'check_payment', 'Could you send me a screenshot of the payment?'),  # round 1
    ('billing-error', 'check_payment', "I've checked our records and your payment did come through."),  # round 1
    ('data-loss', 'recover_now', '我们马上安排技术人员上门帮您把资料找回来。'),  # round 1
    ('data-loss', 'recover_now', '工程师半小时内到，帮您恢复丢失的文件。'),  # round 1
    ('data-loss', 'recover_now', '我们会尽全力把您的数据救回来。'),  # round 1
    ('data-loss', 'recover_now', "I'll have a technician there within the hour to get your files back."),  # round 1
    ('data-loss', 'recover_now', "We'll restore everything from the backup today."),  # round 1
    ('dongle-defect', 'send_engineer', '我让技术人员今天下午上门看一下。'),  # round 1
    ('dongle-defect', 'send_engineer', '我们派个师傅过来给您检查。'),  # round 1
    ('dongle-defect', 'send_engineer', '技术员会远程连上您的电脑排查。'),  # round 1
    ('dongle-defect', 'send_engineer', "I'll book a technician to visit you this afternoon."),  # round 1
    ('dongle-defect', 'send_engineer', 'Our technician can connect remotely and take a look.'),  # round 1
    pytest.param('late-fix-release', 'contact_head_office', '我去问一下公司那边到底什么时候能修好。', marks=pytest.mark.xfail(strict=True, reason="公司那边 does not name head office or development")),
    ('late-fix-release', 'contact_head_office', '我跟上级部门确认一下上线时间。'),  # round 1
    ('late-fix-release', 'contact_head_office', '我向总公司反映并确认新版本的时间。'),  # round 1
    ('late-fix-release', 'contact_head_office', "I'll ask our headquarters when the fix ships."),  # round 1
    ('late-fix-release', 'contact_head_office', 'Let me confirm the release schedule with the engineers.'),  # round 1
    ('property-repair', 'repair_with_date', '师傅明天上午就上去修屋顶。'),  # round 1
    ('property-repair', 'repair_with_date', '我们周五前把漏水的地方补好。'),  # round 1
    ('property-repair', 'repair_with_date', '维修人员下周一进场处理漏水。'),  # round 1
    ('property-repair', 'repair_with_date', 'The roofers will come on Monday to fix the leak.'),  # round 1
    ('property-repair', 'repair_with_date', "We'll have the leak repaired by Friday."),  # round 1
    ('rude-engineer', 'another_engineer', '我给您换一个师傅上门。'),  # round 1
    ('rude-engineer', 'another_engineer', '下次我安排另一位技术员过去。'),  # round 1
    ('rude-engineer', 'another_engineer', '我们改派其他技术人员去修。'),  # round 1
    ('rude-engineer', 'another_engineer', "I'll send a different technician."),  # round 1
    ('rude-engineer', 'another_engineer', "We'll assign someone else to finish the job."),  # round 1
    ('billing-error', 'restore_line', '我已经把您的停机状态取消了，电话现在就能打。'),  # round 2
    ('billing-error', 'restore_line', '号码这边已经给您复通了。'),  # round 2
    ('billing-error', 'restore_line', '您的手机线路我刚刚重新开通了。'),  # round 2
    ('billing-error', 'restore_line', "I've got your line working again."),  # round 2
    ('billing-error', 'restore_line', 'Your service has been reconnected as of now.'),  # round 2
    ('billing-error', 'restore_line', "We've reactivated your number."),  # round 2
    ('billing-error', 'check_payment', '请问您是通过什么方式交的费？'),  # round 2
    ('billing-error', 'check_payment', '我这边核实了一下您的付款记录。'),  # round 2
    ('billing-error', 'check_payment', '您方便把交费的小票拍给我吗？'),  # round 2
    ('billing-error', 'check_payment', 'Do you still have the receipt from the shop?'),  # round 2
    ('billing-error', 'check_payment', "I've checked the payment and can see the 300 arrived."),  # round 2
    ('data-loss', 'recover_now', '我现在就安排技术人员过去帮您恢复。'),  # round 2
    ('data-loss', 'recover_now', '我们的工程师一小时内上门，尽量把资料找回来。'),  # round 2
    ('data-loss', 'recover_now', '先帮您从备份里恢复数据。'),  # round 2
    ('data-loss', 'recover_now', "I'm sending a technician now to recover what we can."),  # round 2
    ('data-loss', 'recover_now', "We'll try to get your data back from the backup this morning."),  # round 2
    ('dongle-defect', 'send_engineer', '我们安排一位技术员明天上门检测。'),  # round 2
    ('dongle-defect', 'send_engineer', '工程师可以远程帮您看一下设备。'),  # round 2
    ('dongle-defect', 'send_engineer', '我马上派师傅过去给您看看。'),  # round 2
    ('dongle-defect', 'send_engineer', 'A technician will visit tomorrow morning to test it.'),  # round 2
    ('dongle-defect', 'send_engineer', 'An engineer can remote in and check the dongle now.'),  # round 2
    ('late-fix-release', 'contact_head_office', '我马上向研发部门确认具体的上线时间。'),  # round 2
    ('late-fix-release', 'contact_head_office', '我去和总公司核实修复的日期。'),  # round 2
    ('late-fix-release', 'contact_head_office', '我让开发团队给一个准确的发布时间。'),  # round 2
    ('late-fix-release', 'contact_head_office', "I'll check with the development team for a firm date."),  # round 2
    ('late-fix-release', 'contact_head_office', "I'm contacting headquarters to confirm when the fix goes out."),  # round 2
    ('property-repair', 'repair_with_date', '维修师傅周三上午上楼顶检查漏水。'),  # round 2
    ('property-repair', 'repair_with_date', '我们安排人这周六前把屋顶补好。'),  # round 2
    ('property-repair', 'repair_with_date', '防水工程下周二开工。'),  # round 2
    ('property-repair', 'repair_with_date', 'A roofer will come on Wednesday to fix the leak.'),  # round 2
    ('property-repair', 'repair_with_date', "We'll get the roof patched before the weekend."),  # round 2
    ('rude-engineer', 'another_engineer', '我们会换一位技术员把服务器修好。'),  # round 2
    ('rude-engineer', 'another_engineer', '明天改派另一位工程师过去。'),  # round 2
    ('rude-engineer', 'another_engineer', '这次给您换个师傅上门。'),  # round 2
    ('rude-engineer', 'another_engineer', "We'll send a different engineer tomorrow."),  # round 2
    ('rude-engineer', 'another_engineer', "I've reassigned the job to another technician."),  # round 2
    ('billing-error', 'restore_line', '十分钟之内您的号码就能恢复使用。'),  # round 3
    ('billing-error', 'restore_line', '我现在就给您办复机。'),  # round 3
    ('billing-error', 'restore_line', "We're switching your line back on right now."),  # round 3
    ('billing-error', 'check_payment', '请问您是在哪个网点交的钱？'),  # round 3
    ('billing-error', 'check_payment', '能把当时的缴费凭据发我一下吗？'),  # round 3
    ('billing-error', 'check_payment', 'Which shop did you pay at?'),  # round 3
    ('data-loss', 'recover_now', '我们今天就派专人过去帮您抢救数据。'),  # round 3
    ('data-loss', 'recover_now', 'Our engineer will be with you by two to recover the files.'),  # round 3
    ('dongle-defect', 'send_engineer', '明天下午两点工程师上门帮您检测网卡。'),  # round 3
    ('dongle-defect', 'send_engineer', "I'll arrange for an engineer to come to your office tomorrow."),  # round 3
    ('late-fix-release', 'contact_head_office', '我这就打电话给总部问清楚修复时间。'),  # round 3
    ('late-fix-release', 'contact_head_office', "I'll escalate to our head office today to get the fix date."),  # round 3
    ('property-repair', 'repair_with_date', '下周一维修队进场修补屋顶漏水。'),  # round 3
    ('property-repair', 'repair_with_date', 'The repair crew will fix the leak on Thursday.'),  # round 3
    ('rude-engineer', 'another_engineer', '下午我安排另外一位师傅过来修服务器。'),  # round 3
    ('rude-engineer', 'another_engineer', 'Someone new from our team will finish the repair tomorrow.'),  # round 3
    ('billing-error', 'restore_line', "We've put your line back in service."),  # round 4
    ('billing-error', 'check_payment', '您那笔三百块是什么时候在哪儿交的？'),  # round 4
    ('data-loss', 'recover_now', '我让数据恢复的同事马上联系您上门。'),  # round 4
    ('late-fix-release', 'contact_head_office', '我现在就发邮件给总部的开发同事，问准确的发布日期。'),  # round 4
    ('property-repair', 'repair_with_date', '屋面防水周四开始做，周六前完工。'),  # round 4
    ('rude-engineer', 'another_engineer', '我这边安排别的工程师接手。'),  # round 4
    ('rude-engineer', 'another_engineer', 'A new technician will take over the job tomorrow.'),  # round 4
    ('billing-error', 'restore_line', '您的电话我这边已经恢复了，您可以试着拨打一下。'),  # round 4
    ('billing-error', 'check_payment', 'Can you tell me the date and place you paid?'),  # round 4
    ('data-loss', 'recover_now', 'Our recovery specialist is on the way to you now.'),  # round 4
    ('dongle-defect', 'send_engineer', '我们的工程师今天会联系您约上门时间。'),  # round 4
    ('dongle-defect', 'send_engineer', "I'm booking an engineer visit for tomorrow at 10."),  # round 4
    ('late-fix-release', 'contact_head_office', "I'll get on to our product team for a firm date."),  # round 4
    ('property-repair', 'repair_with_date', 'Workmen will be on the roof on Tuesday.'),  # round 4
    ('billing-error', 'restore_line', '好的，您的号码半小时内就会恢复。'),  # round 5
    ('billing-error', 'restore_line', 'Your line will be back in service within the hour.'),  # round 5
    ('billing-error', 'check_payment', '您是用微信还是支付宝交的费？'),  # round 5
    ('billing-error', 'check_payment', 'How did you make the payment, online or at a shop?'),  # round 5
    ('data-loss', 'recover_now', '技术人员今天下午过去帮您把文件恢复。'),  # round 5
    ('data-loss', 'recover_now', "I'm sending our recovery engineer to your office this afternoon."),  # round 5
    ('dongle-defect', 'send_engineer', '工程师明天上午到您公司检测。'),  # round 5
    ('dongle-defect', 'send_engineer', "We'll have a technician come out tomorrow."),  # round 5
    ('late-fix-release', 'contact_head_office', '我会向研发那边确认修复版本的发布时间。'),  # round 5
    ('late-fix-release', 'contact_head_office', "I'll email our development team today and ask for the release date."),  # round 5
    ('property-repair', 'repair_with_date', '维修队明天上楼顶修漏水的地方。'),  # round 5
    ('property-repair', 'repair_with_date', 'Our crew will repair the roof on Friday.'),  # round 5
    ('rude-engineer', 'another_engineer', '我们换一位更有经验的工程师过去。'),  # round 5
    ('rude-engineer', 'another_engineer', 'Tomorrow a different engineer will come.'),  # round 5
    # Round 6 (fresh, 2026-12-02): 12 of 14 met on first run; the two misses were a payment
    # record in the plural ("payment records": English phrases now meet their plural) and a
    # bank transfer's screenshot and crediting looked into (转账截图, 入账情况).
    ('billing-error', 'check_payment', "Could you send me a photo of the bank slip? I'll look it up against our payment records."),
    ('billing-error', 'check_payment', '麻烦您把转账截图发我一下，我这就去财务系统里核对这笔钱的入账情况。'),
    ('billing-error', 'restore_line', "I've just switched your service back on; it should be working again within ten minutes."),
    ('billing-error', 'restore_line', '您的号码我已经申请开通了，大概十分钟内就能恢复通话。'),
    ('data-loss', 'recover_now', "I'm sending our data recovery specialist to your office right now; he'll be there by 2pm."),
    ('data-loss', 'recover_now', '我马上安排数据恢复的同事上门，下午两点前到，尽全力把丢的数据找回来。'),
    ('dongle-defect', 'send_engineer', 'I can have a technician remote into your machine at 4 this afternoon to look at the dongle.'),
    ('dongle-defect', 'send_engineer', '今天下午四点我们派技术员到您公司现场检查加密狗。'),
    ('late-fix-release', 'contact_head_office', "I'll raise it with our development team at HQ today and get the real release date for you."),
    ('late-fix-release', 'contact_head_office', '我现在就跟总部研发那边确认这个补丁到底哪天能发布。'),
    ('property-repair', 'repair_with_date', 'Our maintenance crew will go up on the roof tomorrow morning, and the leak will be sealed by Friday.'),
    ('property-repair', 'repair_with_date', '维修班明天一早就上楼顶，周五前保证把漏水的地方补好。'),
    ('rude-engineer', 'another_engineer', "I'll assign a different technician to come and finish the print server job."),
    ('rude-engineer', 'another_engineer', '我给您换一位工程师过去，把打印服务器修完。'),
])
def test_need_met_in_other_words(rules, scenario, need, text):
    assert need in met(rules, scenario, text)


@pytest.mark.parametrize(("scenario", "need", "text"), [
    ('billing-error', 'restore_line', '请您关机再开机试一下。'),
    ('billing-error', 'restore_line', '我们不能给您复机。'),
    ('billing-error', 'restore_line', 'Please restart your phone and try again.'),
    ('rude-engineer', 'another_engineer', '您去找别人吧。'),
    ('rude-engineer', 'another_engineer', 'Ask someone else.'),
    ('dongle-defect', 'send_engineer', '我们不派人上门。'),
    ('dongle-defect', 'send_engineer', "We can't send a technician."),
    ('data-loss', 'recover_now', '数据恐怕找不回来了。'),
    ('late-fix-release', 'contact_head_office', 'The release was delayed by the developers, not by us.'),
    ('late-fix-release', 'contact_head_office', '发布时间不是我定的。'),
    ('property-repair', 'repair_with_date', '上次补好的地方又漏了，这不是我们的问题。'),
    ('billing-error', 'restore_line', '系统恢复正常以后再说吧。'),
    ('rude-engineer', 'another_engineer', '我们没有别的师傅了。'),
    # A refusal of the need is no meeting of it (the need phrase negated).
    ('billing-error', 'restore_line', '这个我们没办法给您复通。'),
    ('rude-engineer', 'another_engineer', 'We cannot send a different technician.'),
    ('billing-error', 'restore_line', '您的号码因为欠费被停机了。'),
    ('billing-error', 'restore_line', '我们不能恢复您的号码。'),
    ('billing-error', 'restore_line', 'Your phone is off because of the unpaid bill.'),
    ('data-loss', 'recover_now', '工程师说数据恢复不了。'),
    ('data-loss', 'recover_now', '我们不派工程师。'),
    ('dongle-defect', 'send_engineer', '工程师今天都没空。'),
    ('late-fix-release', 'contact_head_office', '总部不会改发布时间。'),
    ('property-repair', 'repair_with_date', '屋顶的问题不归我们管。'),
    ('billing-error', 'restore_line', '您的号码是13800000000，我们会尽快处理。'),
    ('rude-engineer', 'another_engineer', '工程师已经下班了，换个时间再说。'),
    # Round 6: the crediting looked into is no crediting (入账情况), and the patch the release
    # brings is the fix itself, not a stopgap (补丁 alone).
    ('billing-error', 'credit_and_refund', '我这就去财务系统里核对这笔钱的入账情况。'),
    ('late-fix-release', 'workaround', '我现在就跟总部研发那边确认这个补丁到底哪天能发布。'),
    pytest.param('billing-error', 'check_payment', '交费以后请保留收据。', marks=pytest.mark.xfail(strict=True, reason=ADVICE)),
    pytest.param('rude-engineer', 'another_engineer', '其他工程师都在忙。', marks=pytest.mark.xfail(strict=True, reason=ADVICE)),
])
def test_near_miss_meets_no_need(rules, scenario, need, text):
    assert need not in met(rules, scenario, text)


def test_a_refused_frame_is_a_refusal(rules):
    # §5 refusing outright: the act refused with its object apart is still a refusal.
    reading = read_reply(rules, "billing-error", "我们不能恢复您的号码。")
    assert "restore_line" not in {n.need for n in reading.need_hits}
    assert "refusal" in reading.present


def test_a_frame_needs_two_groups(tmp_path):
    # One group is a phrase list, not a frame: the loader says so, naming the file and line.
    src = (ROOT / "scenarios" / "rude-engineer.yaml").read_text(encoding="utf-8")
    one = re.sub(r"(      - zh: )\[\[[^\]]*\], (\[[^\]]*\])\]", r"\1[\2]", src, count=1)
    assert one != src
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "scenarios" / "rude-engineer.yaml").write_text(one, encoding="utf-8")
    with pytest.raises(ContentError, match=r"(?s)rude-engineer\.yaml.*two or more word groups"):
        load_content([str(tmp_path)])
