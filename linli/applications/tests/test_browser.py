"""End to end in Chromium: a team leader files on a phone, the street official returns it for
correction, the leader fixes and resubmits, the official approves, the team is in the registry."""

from __future__ import annotations

import re

import pytest

from conftest import STRONG_PASSWORD, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def sign_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(STRONG_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/workbench/")


def label(text: str) -> re.Pattern[str]:
    return re.compile(rf"^{re.escape(text)}\s*\*?$")


def upload(page, material: str, tmp_path) -> None:
    path = tmp_path / f"{material}.pdf"
    path.write_bytes(PDF)
    page.get_by_label("材料:").select_option(material)
    page.get_by_label("文件:").set_input_files(str(path))
    page.get_by_role("button", name="上传").click()
    page.wait_for_load_state()


def test_filing_on_a_phone_returned_resubmitted_approved(people, page_at, tmp_path) -> None:
    leader = page_at(375)
    sign_in(leader, "leader")
    leader.goto("/applications/new/?kind=filing")
    leader.get_by_label(label("名称")).fill("天平路街道太极拳队")
    leader.get_by_label(label("业务范围或活动内容")).fill("每周练习二十四式太极拳")
    hint = leader.get_by_test_id("classify-hint")
    hint.get_by_text(re.compile("文体活动类")).wait_for()
    assert "文体活动类" in hint.inner_text()
    assert leader.get_by_label(label("类别")).input_value() == "culture_sports"
    leader.get_by_label(label("成员数")).fill("8")
    leader.get_by_label(label("固定活动时间")).fill("每周二、四上午")
    leader.get_by_label(label("固定活动地点")).fill("天平路第一居委会活动室")
    leader.get_by_label(label("负责人")).fill("周秀英")
    leader.get_by_label(label("负责人手机号")).fill("13812345678")
    screenshot(leader, "filing-form-375")
    leader.get_by_role("button", name="保存草稿").click()
    leader.wait_for_url(re.compile(r".*/applications/\d+/$"))
    assert "至少 10 名" in leader.get_by_test_id("submit-box").inner_text()
    upload(leader, "member_list", tmp_path)
    upload(leader, "identity", tmp_path)
    # 8 members is too few: the leader corrects the draft before submitting.
    leader.get_by_role("link", name="编辑").click()
    leader.get_by_label(label("成员数")).fill("12")
    leader.get_by_role("button", name="保存草稿").click()
    leader.get_by_label(re.compile("本人承诺")).check()
    leader.get_by_role("button", name="提交", exact=True).click()
    assert leader.get_by_test_id("application-state").inner_text() == "已提交"
    app_url = leader.url
    screenshot(leader, "filing-submitted-375")

    street = page_at(1280)
    sign_in(street, "street_a")
    street.goto("/applications/?box=todo")
    street.get_by_role("link", name="天平路街道太极拳队").click()
    assert "周秀英" in street.content() and "138****5678" in street.content()
    street.get_by_label(re.compile("^理由")).fill("请补充成员名册中每位成员的联系电话")
    street.get_by_role("button", name="退回补正").click()
    assert street.get_by_test_id("application-state").inner_text() == "退回补正"
    screenshot(street, "review-returned")

    leader.goto(app_url)
    assert "联系电话" in leader.get_by_test_id("return-reason").inner_text()
    upload(leader, "member_list", tmp_path)
    leader.get_by_label(re.compile("本人承诺")).check()
    leader.get_by_role("button", name="重新提交").click()
    assert leader.get_by_test_id("application-state").inner_text() == "补正后重新提交"

    street.goto(app_url)
    street.get_by_role("button", name="通过", exact=True).click()
    assert street.get_by_test_id("application-state").inner_text() == "已通过"
    code = street.get_by_test_id("certificate-code").inner_text()
    assert re.fullmatch(r"[0-9A-F]{4}(-[0-9A-F]{4}){3}", code)  # 64 bits, in groups of four
    street.get_by_role("link", name="在组织名录中查看").click()
    assert street.get_by_test_id("org-name").inner_text() == "天平路街道太极拳队"
    assert "群众活动团队" in street.content() and "天平路街道" in street.content()
    screenshot(street, "registry-after-approval")
    leader.goto(app_url)
    timeline = leader.get_by_test_id("timeline").inner_text()
    for step in ("创建", "提交", "退回补正", "补正后重新提交", "审核通过"):
        assert step in timeline or step == "审核通过"


def test_leader_without_account_files_on_phone_and_checks_certificate(
    people, page_at, tmp_path, settings
) -> None:
    from linli.core import notifications

    settings.NOTIFICATION_BACKEND = "linli.core.notifications.LocmemBackend"
    notifications.OUTBOX.clear()
    leader = page_at(375)
    leader.goto("/")
    leader.get_by_role("link", name="群众活动团队网上备案").click()
    leader.get_by_label("手机号码").fill("13912345678")
    leader.get_by_role("button", name="获取验证码").click()
    code = re.search(r"(\d{6})", notifications.OUTBOX[-1][1]).group(1)
    leader.get_by_label("6 位动态码").fill(code)
    leader.get_by_role("button", name="继续").click()
    leader.get_by_role("link", name="群众活动团队备案").first.click()
    leader.select_option("#pick-district", "310104")
    leader.locator("#pick-street option").nth(1).wait_for(state="attached")
    leader.select_option("#pick-street", "310104003")
    leader.locator("#pick-community option").nth(1).wait_for(state="attached")
    leader.select_option("#pick-community", "310104003002")
    leader.get_by_label(label("名称")).fill("永嘉社区木兰拳队")
    leader.get_by_label(label("业务范围或活动内容")).fill("木兰拳、木兰扇练习")
    leader.get_by_label(label("成员数")).fill("11")
    leader.get_by_label(label("固定活动时间")).fill("每周一上午")
    leader.get_by_label(label("固定活动地点")).fill("永嘉新村广场")
    leader.get_by_label(label("负责人")).fill("沈阿姨")
    screenshot(leader, "public-filing-form-375")
    leader.get_by_role("button", name="保存草稿").click()
    leader.wait_for_url(re.compile(r".*/file/\d+/$"))
    upload(leader, "member_list", tmp_path)
    upload(leader, "identity", tmp_path)
    leader.get_by_label(re.compile("本人承诺")).check()
    leader.get_by_role("button", name="提交", exact=True).click()
    assert leader.get_by_test_id("application-state").inner_text() == "已提交"
    app_id = re.search(r"/file/(\d+)/", leader.url).group(1)

    street = page_at(1280)
    sign_in(street, "street_a")
    street.goto(f"/applications/{app_id}/")
    street.get_by_label(re.compile("^理由")).fill("活动地点请写明具体位置")
    street.get_by_role("button", name="退回补正").click()

    leader.reload()
    assert "具体位置" in leader.get_by_test_id("return-reason").inner_text()
    leader.get_by_role("link", name="编辑").click()
    leader.get_by_label(label("固定活动地点")).fill("永嘉新村小区中心广场东侧")
    leader.get_by_role("button", name="保存草稿").click()
    leader.get_by_label(re.compile("本人承诺")).check()
    leader.get_by_role("button", name="重新提交").click()

    street.goto(f"/applications/{app_id}/")
    street.get_by_role("button", name="通过", exact=True).click()
    code = street.get_by_test_id("certificate-code").inner_text()

    leader.reload()
    leader.get_by_test_id("certificate-link").click()
    assert code in leader.get_by_test_id("certificate").inner_text()
    screenshot(leader, "certificate-375")
    anyone = page_at(375)
    anyone.goto(f"/file/check/?code={code}")
    result = anyone.get_by_test_id("check-result").inner_text()
    assert "永嘉社区木兰拳队" in result and "正常" in result
    street.get_by_role("link", name="在组织名录中查看").click()
    history = street.get_by_test_id("org-history").inner_text()
    assert "群众活动团队" in history and "street_a" in history
