"""As users would: sign in through the form in Chromium and look around."""

from __future__ import annotations

import re

import pytest

from conftest import STRONG_PASSWORD, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NEW_PASSWORD = re.compile(r"^新密码\s*\*?$")


def sign_in(page, username: str, password: str = STRONG_PASSWORD) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()


@pytest.mark.parametrize("width", [1280, 375])
def test_street_official_sees_only_own_communities(people, page_at, width) -> None:
    page = page_at(width)
    sign_in(page, "street_a")
    page.wait_for_url("**/workbench/")
    assert page.get_by_role("heading", name="工作台").is_visible()
    screenshot(page, f"workbench-street-{width}")
    page.goto("/regions/310104003/")
    table = page.get_by_test_id("children-table")
    text = table.inner_text()
    assert "天平路第一居委会" in text and "永嘉新村居委会" in text
    assert "湖南路第一居委会" not in text
    assert page.get_by_test_id("breadcrumb").inner_text().strip().startswith("天平路街道")
    screenshot(page, f"street-communities-{width}")
    response = page.goto("/regions/310104004/")
    assert response.status == 404
    assert "页面不存在" in page.content()


def test_street_official_adds_a_community_and_sees_it_listed(people, page_at) -> None:
    page = page_at(375)
    sign_in(page, "street_a")
    page.goto("/regions/310104003/")
    page.get_by_role("link", name="新增居（村）委会").first.click()
    page.get_by_label("名称").fill("建国西路居委会")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url("**/regions/310104003/")
    assert "已新增 建国西路居委会" in page.content()
    assert "建国西路居委会" in page.get_by_test_id("children-table").inner_text()


def test_district_drills_down_to_a_community(people, page_at) -> None:
    page = page_at(1280)
    sign_in(page, "district")
    page.goto("/regions/310104/")
    page.get_by_role("link", name="天平路街道").click()
    page.get_by_role("link", name="天平路第一居委会").click()
    crumbs = page.get_by_test_id("breadcrumb").inner_text()
    assert "徐汇区" in crumbs and "天平路街道" in crumbs and "天平路第一居委会" in crumbs
    assert "上海市" not in crumbs  # above the district's jurisdiction


def test_first_login_forces_a_new_password(people, page_at) -> None:
    from conftest import make_user

    make_user("newcomer", "committee", "310104003001", must_change_password=True)
    page = page_at(375)
    sign_in(page, "newcomer")
    page.wait_for_url("**/accounts/password/")
    screenshot(page, "password-change-375")
    page.get_by_label("旧密码").fill(STRONG_PASSWORD)
    page.get_by_label(NEW_PASSWORD).fill("abcdefgh")
    page.get_by_label("新密码确认").fill("abcdefgh")
    page.get_by_role("button", name="保存新密码").click()
    assert "至少" in page.content()
    page.get_by_label("旧密码").fill(STRONG_PASSWORD)
    page.get_by_label(NEW_PASSWORD).fill("Qiu#Yue2027x")
    page.get_by_label("新密码确认").fill("Qiu#Yue2027x")
    page.get_by_role("button", name="保存新密码").click()
    page.wait_for_url("**/workbench/")


def test_admin_enrols_an_authenticator_then_creates_an_account(people, page_at) -> None:
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    page = page_at(1280)
    sign_in(page, "admin")
    page.wait_for_url("**/accounts/otp/setup/")
    assert page.get_by_test_id("otp-qr").locator("svg").count() == 1
    screenshot(page, "otp-setup")
    device = TOTPDevice.objects.get(user=people.admin, confirmed=False)
    code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    page.get_by_label("6 位动态码").fill(f"{code:06d}")
    page.get_by_role("button", name="确认").click()
    page.wait_for_url("**/workbench/")
    page.goto("/accounts/users/new/")
    page.get_by_label("用户名").fill("li.jiedao")
    page.get_by_label("姓名").fill("李老师")
    page.get_by_label("角色").select_option("street_office")
    page.get_by_label("区划代码").fill("310104004")
    page.get_by_role("button", name="保存").click()
    issued = page.get_by_test_id("issued-password").inner_text().strip()
    assert len(issued) >= 12
    screenshot(page, "admin-user-created")
