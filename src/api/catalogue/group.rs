//! `management.group` (reference §8): the read-only IdP groups of a tenant (SCIM or JIT).

use crate::api::engine::{Arg, Row, Ty};
use crate::api::Method::Post;
use crate::api::Unwrap::Whole;

group_rows!("group");

const TENANT: Arg = Arg::new("tenantId", Ty::Id, "tenantId");

/// The rows, in node-sdk's order. The answers are bare arrays.
#[rustfmt::skip]
pub static ROWS: &[Row] = &[
    row("loadAllGroups", "load_all_groups", Post, "/v1/mgmt/group/all", Whole,
        "Lists a tenant's groups.")
        .returns("Group[]")
        .args(&[TENANT]),
    row("loadAllGroupsForMember", "load_all_groups_for_member", Post,
        "/v1/mgmt/group/member/all", Whole, "Lists the groups of some of a tenant's users.")
        .returns("Group[]")
        .args(&[
            TENANT,
            Arg::new("userIds", Ty::IdList, "userIds").opt(),
            Arg::new("loginIds", Ty::IdList, "loginIds").opt(),
        ])
        .one_of(&[1, 2]),
    row("loadAllGroupMembers", "load_all_group_members", Post, "/v1/mgmt/group/members", Whole,
        "Lists a group with its members.")
        .returns("Group[]")
        .args(&[TENANT, Arg::new("groupId", Ty::Id, "groupId")]),
];
