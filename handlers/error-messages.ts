import type { DomainError, ErrorCode } from '../domain/errors';

/** The one place where error codes become what the user reads. */
const MESSAGES: Record<ErrorCode, (p: Record<string, string | number>) => string> = {
  'location.share_not_found': () => '找不到这条位置记录，请重新发送位置。',
  'location.share_expired': () => '这条位置已超过30分钟，请重新发送当前位置后再选择。',
  'location.already_chosen': (p) => `这条位置已记录为「${p.choice}」，无需重复操作。`,
  'location.customer_not_nearby': (p) => `「${p.customer}」不在这个位置附近，请到客户现场后重新发送位置。`,
  'card.unknown_action': () => '这个按钮已失效，请发送「帮助」查看可用操作。',
  'image.not_an_image': () => '无法识别这张图片，请直接拍照，或从相册选择照片（JPG、PNG）重新发送。',
  'image.too_large': (p) => `照片太大，请发送时不要勾选「原图」，或压缩后重新发送（最大 ${p.limitMb} MB）。`,
  'attendance.outside_window': (p) => `现在不在打卡时间内（${p.window}），请在这个时间段内${p.action}。`,
  'attendance.already_punched_in': (p) =>
    `你已在 ${p.time} 上班签到（以第一次签到为准），无需重复签到；下班时请选择「下班签退」。`,
  'attendance.outside_geofence': (p) =>
    `你不在考勤范围内：距「${p.place}」还有${p.distance}（需在${p.radius}内）。请到考勤地点后重新发送位置。`,
  'attendance.stale_location': (p) =>
    `这条位置是${p.age}前的，不能用于打卡。请重新发送当前位置后再${p.action}。`,
  'attendance.device_fix_required': (p) =>
    `本单位要求用手机定位打卡，地图上选的位置不能用于${p.action}。请打开打卡页面、允许获取定位后重新${p.action}。`,
  'approval.not_found': (p) => `找不到编号为 ${p.id} 的申请。发送「我的申请」或「待我审批」查看编号。`,
  'approval.stale_card': () => '这张卡片对应的是重新提交前的版本，请在最新的审批卡片上操作。',
  'approval.no_days': (p) =>
    `${p.span} ${String(p.span).includes('至') ? '都是' : '是'}休息日，不需要请假。如需加班调休，请选择其他日期。`,
  'approval.no_approver': () =>
    '找不到这类申请的审批人（你还没有所属部门，本单位也没有管理员）。请联系管理员设置部门或审批人后再提交。',
  'auth.not_your_command': (p) => `「${p.command}」只有${p.who}可以使用。${p.otherwise}`,
  'approval.too_many_pending': (p) =>
    `你已有 ${p.count} 条申请在审批中（每人最多 ${p.max} 条）。请等审批后再提交，或发送「我的申请」查看，「撤回 <编号>」撤回不需要的申请。`,
  'command.malformed': (p) => `没看懂「${p.input}」。正确格式：${p.usage}\n例如：${p.example}`,
  'command.invalid_value': (p) => `${p.reason}。正确格式：${p.usage}\n例如：${p.example}`,
  'approval.not_your_step': (p) => `你不是「${p.step}」的审批人，无法处理这一步。`,
  'approval.step_closed': (p) =>
    p.decision === undefined
      ? `「${p.step}」已结束，无需再处理。`
      : `「${p.step}」已由${p.decider ?? '其他审批人'}${p.decision}，无需再处理。`,
  'approval.not_pending': (p) => `这条申请${p.status}，无法再${p.action}。`,
  'approval.reason_required': () => '驳回时请填写原因，方便申请人修改后重新提交。',
  'approval.own_request': () => '不能审批自己提交的申请。',
  'approval.already_decided': (p) =>
    `你已在「${p.step}」${p.decision}，不能更改。如需更改，请让申请人撤回后重新提交。`,
  'approval.step_not_started': (p) => `还没轮到「${p.step}」，轮到你审批时会通知你。`,
  'approval.not_requester': (p) => `只有申请人本人可以${p.action}这条申请。`,
  'approval.cannot_submit': (p) => `这条申请${p.status}，不能再次提交。`,
  'approval.not_editable': () =>
    '这类申请不能在聊天里修改内容：请发送「重新提交 <编号>」原样提交，或重新填写一份。',
  'customer.draft_not_found': () => '找不到这条新建客户的请求，请重新发送「新建客户 <名称> <地址> [电话]」。',
  'customer.draft_expired': () =>
    '这条新建客户的请求已超过30分钟，请重新发送「新建客户 <名称> <地址> [电话]」。',
  'customer.draft_used': () => '这张卡片已经处理过了，无需重复操作。发送「客户 <名称>」可以查看客户。',
  'customer.not_found': () => '找不到这个客户，可能已被删除。发送「客户 <名称>」重新查找。',
  'customer.unknown': (p) =>
    p.suggestions
      ? `没有找到你可以查看的客户「${p.query}」。你是不是要找：${p.suggestions}？${p.example ? `例如：${p.example}` : ''}`
      : `没有找到你可以查看的客户「${p.query}」。发送「客户 <关键词>」查找，或「新建客户 <名称> <地址>」新建。`,
  'customer.ambiguous': (p) =>
    `「${p.query}」对应多个客户：${p.matches}。请输入更完整的名称${p.example ? `，例如：${p.example}` : ''}。`,
  'customer.not_yours': (p) =>
    `客户「${p.name}」不是你负责的客户，不能${p.action}。如需跟进，请先领取或请主管分配。`,
  'customer.choice_used': () => '这张卡片已经处理过了，无需重复操作。',
  'customer.choice_expired': () => '这张选择卡片已超过30分钟，请重新发送命令。',
  'offer.used': () => '这张卡片已经处理过了，无需重复操作。',
  'offer.expired': () => '这张卡片已超过30分钟，请重新发送你要做的事。',
  'opportunity.not_found': (p) => `找不到你可以查看的商机 #${p.id}。发送「我的商机」查看编号。`,
  'opportunity.closed': (p) => `商机 #${p.id} 已${p.stage}，不能再更改阶段。`,
  'opportunity.same_stage': (p) => `商机 #${p.id} 已在「${p.stage}」阶段，无需重复操作。`,
  'opportunity.unknown_stage': (p) => `没有「${p.stage}」这个阶段。可用的阶段：${p.stages}。`,
  'order.not_found': (p) => `找不到订单 ${p.id}（或你无权查看）。发送「我的订单」查看订单编号。`,
  'order.card_used': (p) => `这张订单卡片已处理过（订单状态：${p.status}），无需重复操作。`,
  'order.draft_expired': () => '这张订单卡片已超过30分钟，价格可能已变，请重新发送「下单 …」。',
  'order.wrong_status': (p) => `订单 ${p.id} ${p.status}，不能${p.action}。`,
  'payment.draft_not_found': () => '找不到这条回款记录请求，请重新发送「回款 <客户|订单号> <金额>」。',
  'payment.draft_used': (p) => `这条回款${p.status}，无需重复操作。`,
  'payment.future_date': (p) => `回款日期 ${p.date} 还没到，不能登记。请填写今天或之前的日期。`,
  'approval.date_too_old': (p) =>
    `${p.date} 已超过可补申请的期限（${p.pastDays}天内），不能再提交。如确需处理，请联系管理员。`,
  'approval.date_too_far': (p) =>
    `${p.date} 超出可提前申请的范围（${p.futureDays}天内），请检查日期是否写错。`,
  'approval.date_in_future': (p) => `${p.date} 还没到，${p.what}只能申请今天或之前的日期。`,
  'approval.overlap': (p) =>
    `时间与你的${p.type}申请 #${p.id}（${p.what}，${p.status}）重叠，不能重复申请。${p.status === '审批中' ? `如需调整，请先发送「撤回 ${p.id}」再重新申请。` : '如需调整，请联系管理员。'}`,
  'approval.over_balance': (p) =>
    `${p.type}余额不足：本次${p.days}天，剩余${p.remaining}天。发送「假期余额」查看，或改用其他假期类型。`,
  'attendance.make_up_limit': (p) =>
    `${p.month}已申请补卡${p.used}次，达到每月上限（${p.limit}次），不能再补卡。如有特殊情况，请联系管理员更正考勤。`,
  'attendance.make_up_not_missing': (p) =>
    `${p.date} 已有${p.kind}打卡（${p.time}），不需要补卡。打卡时间有误请联系管理员更正考勤。`,
  'attendance.make_up_rest_day': (p) => `${p.date} 是休息日，不需要补卡。休息日上班请申请加班。`,
  'attendance.make_up_time_required': (p) =>
    `你的考勤是自由工时，请写明补卡时间，例如「补卡 ${p.date} ${p.kind} 09:00 忘记打卡」。`,
  'auth.not_allowed': (p) => `「${p.command}」${p.who}才能使用。`,
  'visit.already_open': (p) =>
    `你在「${p.customer}」的拜访还没结束。请先发送「结束拜访 <备注>」，再开始新的拜访。`,
  'visit.off_site_refused': (p) =>
    `你距客户${p.distance}米，超出拜访范围（${p.radius}米），本单位不允许异地拜访。请到客户现场后重新发送位置。`,
  'visit.none_open': () =>
    '你现在没有进行中的拜访。开始拜访请发送「拜访 <客户>」，或发送位置后在卡片上选择客户。',
  'visit.not_found': () => '找不到这次拜访，可能不是你的拜访。发送「今日拜访」查看今天的拜访。',
  'visit.still_open': () => '这次拜访还没结束，请先发送「结束拜访 <备注>」。',
  'visit.result_recorded': (p) => `这次拜访的结果已记录为「${p.result}」，无需重复操作。`,
  'visit.device_fix_required': (p) =>
    `本单位拜访签到需要手机定位，不接受地图选点或手动输入的位置。请重新发送「拜访 ${p.customer}」，在卡片上点「打开定位页」读取手机定位。`,
  'visit.plan_not_in_team': (p) => `「${p.name}」不在你的团队里，不能为他安排拜访计划。`,
  'reach.person_outside': (p) =>
    `「${p.name}」不是${p.manager ? '你或你团队里的人' : '你本人'}：${p.what}只能查看${p.manager ? '自己和下属' : '自己'}的。例如：${p.example}`,
  'pool.already_yours': (p) => `「${p.customer}」已经在你的私海里了。`,
  'pool.not_in_pool': (p) => `「${p.customer}」已有负责人，不在公海里，不能领取。`,
  'pool.cap_reached': (p) => `你的私海已有${p.cap}个客户，达到上限，不能再领取。请先释放不再跟进的客户。`,
  'pool.not_yours': (p) => `「${p.customer}」不是你负责的客户，不能${p.action}。`,
  'pool.moved_meanwhile': (p) => `「${p.customer}」刚刚被其他人操作过，请重新查看后再试。`,
  'pool.extension_pending': (p) =>
    `「${p.customer}」的公海延期申请 #${p.requestId} 正在审批中，不用重复申请。发送「我的申请」查看进度。`,
  'pool.protected': (p) =>
    `「${p.customer}」目前受回收保护（有进行中的商机或已成交），不会退回公海，无需申请延期。`,
  'pool.daily_cap_reached': (p) => `今天已领取${p.cap}个客户，达到每日上限，明天再领取吧。`,
  'pool.claim_cooldown': (p) =>
    `「${p.customer}」是你释放或被收回的客户，${p.cooldownDays}天内不能再领取（还需${p.daysLeft}天）。如需继续跟进，请主管「分配」给你。`,
  'lead.not_found': (p) =>
    `找不到你可以查看的线索${p.id}。发送「线索」查看你的线索，「线索 公海」查看公海线索。`,
  'lead.already_yours': (p) => `线索${p.id}已经是你的了。`,
  'lead.not_in_pool': (p) => `线索${p.id}已有负责人，不在线索公海里，不能领取。`,
  'lead.cap_reached': (p) => `你已有${p.cap}条跟进中的线索，达到上限，不能再领取。请先转化或释放一些线索。`,
  'lead.not_yours': (p) => `线索${p.id}不是你负责的，不能${p.action}。${p.hint ?? ''}`,
  'lead.converted': (p) => `线索${p.id}已转化为客户，请在客户下继续跟进（发送「客户 <名称>」查看）。`,
  'target.split_not_found': () =>
    '找不到这次目标分解（只有发起人可以确认）。请重新发送「目标 2027 销售部 1200万 按去年分月」。',
  'target.split_decided': () => '这张目标分解卡片已处理过了，无需重复操作。发送「团队业绩」查看目标。',
  'lead.moved_meanwhile': (p) => `线索${p.id}刚刚被其他人操作过，请发送「线索 ${p.id}」查看后再试。`,
};

export function describeError(error: DomainError): string {
  return MESSAGES[error.code](error.params);
}
