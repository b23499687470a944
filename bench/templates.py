"""Sentence, title, heading and question templates of the generated corpus, per topic and language.

Slots in braces are filled by bench.corpus: entities ({index}, {sector}, {company}, ...) stay fixed within
a document, numbers ({pct}, {bp}, {pe}, ...) are drawn afresh for every sentence.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    name: str
    weight: int
    sentences: dict[str, tuple[str, ...]]
    titles: dict[str, tuple[str, ...]]
    headings: dict[str, tuple[str, ...]]
    tags: dict[str, tuple[str, ...]]
    questions: dict[str, tuple[str, ...]]


TOPICS = (
    Topic(
        "index", 14,
        sentences={
            "en": (
                "{index} {up} {pct}% in {month}, finishing the period at {level}.",
                "Over the {days} sessions to {date}, {index} beat {index2} by {dpct} percentage points.",
                "Breadth improved: {share}% of the members of {index} traded above their 200-day average by {date}.",
                "The daily standard deviation of returns for {index} was about {dpct}% over the quarter, "
                "below its five-year average.",
                "{index} {down} {dpct}% on {date} as {risk} weighed on sentiment, its worst session in {days} weeks.",
                "From its low in {month}, {index} has recovered {pct}%, though it remains {dpct2}% below its peak.",
                "Analysts at {bank} attribute most of the move in {index} to {driver}.",
                "The equal-weighted version of {index} lagged the cap-weighted one by {dpct} points in {month}.",
                "Year to date {index} is up {pct}%, compared with a {pct2}% gain for {index2}.",
                "Realised volatility for {index} fell to {growth}% annualised while implied volatility held near {share}.",
            ),
            "zh": (
                "{index}在{month}{up}{pct}%，收于{level}点。",
                "截至{date}的{days}个交易日里，{index}跑赢{index2}{dpct}个百分点。",
                "市场宽度有所改善，截至{date}，{index}中有{share}%的成分股站上200日均线。",
                "本季度{index}的日收益率标准差约为{dpct}%，低于过去五年的平均水平。",
                "{date}，{index}{down}{dpct}%，{risk}拖累市场情绪，创下{days}周以来最大单日跌幅。",
                "自{month}低点以来，{index}已反弹{pct}%，但仍较前期高点低{dpct2}%。",
                "{bank}的分析师认为，{index}此轮走势主要来自{driver}。",
                "{month}，{index}等权重版本落后市值加权版本{dpct}个百分点。",
                "年初至今{index}累计上涨{pct}%，同期{index2}上涨{pct2}%。",
                "{index}的已实现波动率降至年化{growth}%，隐含波动率则维持在{share}附近。",
            ),
        },
        titles={
            "en": ("{index}: {driver} lifts the tape", "Market wrap: {index} and {index2}",
                   "{index} after a {days}-day run"),
            "zh": ("{index}周报：{driver}推动行情", "市场回顾：{index}与{index2}", "{index}连涨{days}日之后"),
        },
        headings={"en": ("Performance", "What moved the market", "Breadth and volatility", "Relative performance"),
                  "zh": ("行情表现", "驱动因素", "市场宽度与波动", "相对表现")},
        tags={"en": ("index performance", "relative performance"), "zh": ("指数表现", "相对表现")},
        questions={
            "en": ("How much did {index} gain in {month}?", "Did {index} beat {index2} over the last {days} sessions?",
                   "How volatile was {index} in {quarter}?"),
            "zh": ("{index}在{month}涨了多少？", "{index}最近{days}个交易日跑赢{index2}了吗？",
                   "{index}在{quarter}的波动率有多大？"),
        },
    ),
    Topic(
        "sector", 12,
        sentences={
            "en": (
                "{sector} {up} {dpct}% on {date}, leading the eleven sectors, while {sector2} {down} {dpct2}%.",
                "Within {sector}, {industry} did most of the work, adding {pct}% over {month}.",
                "The {etf} fund took in {usd_bn} billion dollars as investors rotated toward {sector}.",
                "{sector} now makes up {share}% of {index}, up from {growth}% five years ago.",
                "Relative strength in {sector} has lasted {days} weeks, the longest run since {year}.",
                "{bank} moved {sector} to overweight, citing {driver}.",
                "The gap between the best and the worst sector in {month} was {pct} percentage points.",
                "{industry} remain sensitive to {rate}, which explains their lag in {month}.",
            ),
            "zh": (
                "{date}，{sector}板块{up}{dpct}%，领涨十一个行业，{sector2}板块则{down}{dpct2}%。",
                "{sector}板块内部，{industry}贡献最大，{month}累计上涨{pct}%。",
                "随着资金轮动至{sector}板块，{etf}获得{usd_bn}亿美元净流入。",
                "{sector}目前占{index}权重的{share}%，五年前仅为{growth}%。",
                "{sector}板块的相对强势已持续{days}周，为{year}年以来最长。",
                "{bank}将{sector}上调至超配，理由是{driver}。",
                "{month}表现最好与最差行业之间相差{pct}个百分点，分化明显高于往常。",
                "{industry}对{rate}较为敏感，这解释了其在{month}的落后表现。",
            ),
        },
        titles={"en": ("Sector rotation: {sector} takes the lead", "{sector} versus {sector2} in {month}"),
                "zh": ("行业轮动：{sector}领涨", "{month}{sector}与{sector2}对比")},
        headings={"en": ("Sector moves", "Leaders and laggards", "Positioning"),
                  "zh": ("板块表现", "领涨与领跌", "配置建议")},
        tags={"en": ("sectors", "rotation"), "zh": ("板块", "行业轮动")},
        questions={
            "en": ("Which sector led the market on {date}?", "How did {sector} stocks do in {month}?",
                   "Why are {industry} lagging {sector2}?"),
            "zh": ("{date}哪个板块领涨？", "{month}{sector}板块表现如何？", "{industry}为什么落后于{sector2}？"),
        },
    ),
    Topic(
        "rates", 12,
        sentences={
            "en": (
                "The Federal Reserve lowered its policy rate by {bp} basis points in {month}, "
                "to a range topping out at {rate_lvl}%.",
                "{rate} {down} {bp} basis points over {month}, ending near {rate_lvl}%.",
                "About {share}% of the debt of companies in {index} is floating-rate, so lower short rates "
                "reach their interest bill quickly.",
                "Futures price {n_small} more quarter-point cuts by the end of {year}.",
                "The spread between 10-year and 2-year yields turned positive at {bp} basis points on {date}.",
                "Interest coverage for the median small-cap borrower improved to {ratio} times in {quarter}.",
                "{bank} expects {rate} to settle near {rate_lvl}% as {macro} cools.",
                "A rise of {bp} basis points in {rate} would cut small-cap earnings by roughly {dpct}%, "
                "by our estimate.",
            ),
            "zh": (
                "美联储于{month}将政策利率下调{bp}个基点，目标区间上限降至{rate_lvl}%。",
                "{month}，{rate}{down}{bp}个基点，月末报{rate_lvl}%左右。",
                "{index}成分公司约{share}%的债务为浮动利率，短端利率下降会很快反映到利息支出上。",
                "期货市场预计到{year}年底还将降息{n_small}次，每次25个基点。",
                "{date}，10年期与2年期美债利差转正，达到{bp}个基点。",
                "{quarter}，小盘股中位数借款人的利息覆盖倍数改善至{ratio}倍。",
                "{bank}预计随着{macro}降温，{rate}将稳定在{rate_lvl}%附近。",
                "据我们测算，{rate}每上升{bp}个基点，小盘股盈利将下降约{dpct}%。",
            ),
        },
        titles={"en": ("Rates watch: {rate} and small caps", "What {bp} basis points of cuts mean for borrowers"),
                "zh": ("利率观察：{rate}与小盘股", "降息{bp}个基点对借款人的影响")},
        headings={"en": ("Policy path", "Floating-rate exposure", "Yield curve"),
                  "zh": ("政策路径", "浮动利率敞口", "收益率曲线")},
        tags={"en": ("rates", "floating-rate debt"), "zh": ("利率", "浮动利率债务")},
        questions={
            "en": ("How exposed are companies in {index} to {rate}?", "How many rate cuts are priced for {year}?",
                   "What share of {index} debt is floating-rate?"),
            "zh": ("{rate}下降对{index}有什么影响？", "市场预计{year}年还会降息几次？", "{index}浮动利率债务占比是多少？"),
        },
    ),
    Topic(
        "earnings", 16,
        sentences={
            "en": (
                "{company} ({ticker}) reported {quarter} revenue of {usd_m} million dollars, up {growth}% "
                "from a year earlier.",
                "Earnings per share at {company} came in at {eps} dollars, beating the consensus by {dpct}%.",
                "Management at {company} raised full-year guidance, pointing to {driver}.",
                "Gross margin at {company} widened by {bp} basis points to {margin}%.",
                "Consensus expects earnings growth of {growth}% for {index} in {year}, against {growth2}% for {index2}.",
                "{share}% of the members of {index} that have reported so far beat estimates.",
                "{company} cut its outlook, blaming {risk}; the stock fell {pct}% after the call.",
                "Analysts revised {year} estimates for {industry} up by {dpct}% over the past month.",
            ),
            "zh": (
                "{company}（{ticker}）{quarter}营收{usd_m}百万美元，同比增长{growth}%。",
                "{company}每股收益为{eps}元，高于市场一致预期{dpct}%。",
                "{company}管理层上调全年业绩指引，理由是{driver}。",
                "{company}毛利率提升{bp}个基点至{margin}%。",
                "市场一致预期{year}年{index}盈利增长{growth}%，{index2}为{growth2}%。",
                "截至目前已公布业绩的{index}成分股中，{share}%超出预期。",
                "{company}下调业绩展望，归因于{risk}，电话会后股价下跌{pct}%。",
                "过去一个月，分析师将{industry}{year}年的盈利预测上调了{dpct}%。",
            ),
        },
        titles={"en": ("{company} {quarter} results", "Earnings season: {index} beats"),
                "zh": ("{company}{quarter}业绩点评", "财报季：{index}盈利超预期")},
        headings={"en": ("Results", "Guidance", "Estimates"), "zh": ("业绩概览", "业绩指引", "盈利预测")},
        tags={"en": ("earnings", "guidance"), "zh": ("盈利", "业绩指引")},
        questions={
            "en": ("What revenue did {company} report for {quarter}?", "Did {company} raise its guidance?",
                   "What earnings growth is expected for {index} in {year}?"),
            "zh": ("{company}{quarter}营收是多少？", "{company}上调业绩指引了吗？", "{year}年{index}盈利预计增长多少？"),
        },
    ),
    Topic(
        "valuation", 12,
        sentences={
            "en": (
                "{index} trades at a {metric} of {pe} times, against {pe2} times for {index2}.",
                "That leaves {index2} at a premium of about {share}% on {metric}, near the widest in {days} years.",
                "On {metric}, {sector} sits at {pe} times, {ratio} turns below its ten-year median.",
                "{share}% of the companies in {index} lost money over the past twelve months.",
                "{bank} puts fair value for {index} at {level}, implying {pct}% upside.",
                "Excluding unprofitable members, the {metric} of {index} falls to {pe} times.",
                "A PEG ratio of {ratio} for {index} suggests growth is cheap relative to large caps.",
                "The earnings yield of {index}, at {dpct2}%, is close to {rate}, leaving little equity risk premium.",
            ),
            "zh": (
                "{index}的{metric}为{pe}倍，{index2}为{pe2}倍。",
                "按{metric}计算，{index2}的估值溢价约为{share}%，接近{days}年来最高。",
                "{sector}板块的{metric}为{pe}倍，比十年中位数低{ratio}倍。",
                "过去十二个月，{index}约{share}%的成分公司处于亏损状态。",
                "{bank}测算{index}的合理价值为{level}点，对应{pct}%的上涨空间。",
                "剔除亏损成分股后，{index}的{metric}降至{pe}倍。",
                "{index}的PEG比率为{ratio}，说明相对大盘股其成长性并不昂贵。",
                "{index}的盈利收益率为{dpct2}%，与{rate}接近，股权风险溢价所剩无几。",
            ),
        },
        titles={"en": ("Valuation gap: {index} versus {index2}", "Is {sector} cheap on {metric}?"),
                "zh": ("估值差距：{index}与{index2}", "{sector}板块的{metric}便宜吗？")},
        headings={"en": ("Multiples", "Premium and discount", "Fair value"),
                  "zh": ("估值倍数", "溢价与折价", "合理估值")},
        tags={"en": ("valuation", "P/E"), "zh": ("估值", "市盈率")},
        questions={
            "en": ("What is the {metric} of {index}?", "How large is the premium of {index2} over {index} on {metric}?",
                   "What share of {index} companies are unprofitable?"),
            "zh": ("{index}的{metric}是多少？", "{index2}相对{index}的估值溢价有多大？", "{index}亏损公司占比是多少？"),
        },
    ),
    Topic(
        "flows", 10,
        sentences={
            "en": (
                "{etf} ({etf_name}) recorded net inflows of {usd_bn} billion dollars in {month}.",
                "Investors pulled {usd_bn} billion dollars from {etf} over {days} sessions, "
                "the largest outflow since {year}.",
                "Short interest in the members of {index} rose to {dpct}% of float by {date}.",
                "Assets in {etf} now exceed those of {etf2} for the first time, at {usd_bn} billion dollars.",
                "Hedge fund net exposure to {sector} climbed to the {share}th percentile of its five-year range.",
                "Retail buying of {industry} accounted for {share}% of volume in {month}.",
                "Buybacks by companies in {index} reached {usd_bn} billion dollars in {quarter}.",
                "Active managers remain underweight {sector} by {dpct} points relative to their benchmark.",
            ),
            "zh": (
                "{etf}（{etf_name}）{month}录得{usd_bn}亿美元净流入。",
                "{days}个交易日内投资者从{etf}撤出{usd_bn}亿美元，为{year}年以来最大规模流出。",
                "截至{date}，{index}成分股的空头持仓升至流通股的{dpct}%。",
                "{etf}的资产规模首次超过{etf2}，达到{usd_bn}亿美元。",
                "对冲基金对{sector}板块的净敞口升至五年区间的第{share}百分位。",
                "{month}，散户买入{industry}的成交额占比达到{share}%。",
                "{quarter}，{index}成分公司的股票回购规模达到{usd_bn}亿美元。",
                "主动管理型基金对{sector}板块仍低配{dpct}个百分点。",
            ),
        },
        titles={"en": ("Fund flows: {etf} in {month}", "Positioning in {sector}"),
                "zh": ("资金流向：{month}的{etf}", "{sector}板块持仓分析")},
        headings={"en": ("ETF flows", "Positioning", "Buybacks"), "zh": ("ETF资金流", "仓位", "回购")},
        tags={"en": ("fund flows", "ETF"), "zh": ("资金流向", "ETF")},
        questions={
            "en": ("How much money flowed into {etf} in {month}?", "How are hedge funds positioned in {sector}?",
                   "How high is short interest in {index}?"),
            "zh": ("{month}{etf}净流入多少资金？", "对冲基金对{sector}板块的仓位如何？", "{index}的空头持仓有多高？"),
        },
    ),
    Topic(
        "risks", 10,
        sentences={
            "en": (
                "The main risk to this view is {risk}, which would hit {industry} first.",
                "Roughly {share}% of the debt of {index} matures before {year}, and refinancing costs run "
                "{bp} basis points above the original coupons.",
                "If {macro} surprises on the upside, {rate} could rise by {bp} basis points and erase "
                "the rally in {index}.",
                "Default rates among leveraged borrowers rose to {dpct}% in {quarter}.",
                "{bank} puts the probability of a recession within twelve months at {share}%.",
                "A drawdown of {pct}% in {index} would only return it to its level of {month}.",
                "Liquidity is thin: average daily value traded in {etf} fell {pct}% in {month}.",
                "Uncertainty around {risk} keeps the risk premium on {sector} elevated.",
            ),
            "zh": (
                "这一判断的主要风险是{risk}，{industry}将首当其冲。",
                "{index}约{share}%的债务将在{year}年前到期，再融资成本比原票息高出{bp}个基点。",
                "如果{macro}超预期走高，{rate}可能上行{bp}个基点，抹去{index}的涨幅。",
                "{quarter}，杠杆借款人的违约率升至{dpct}%。",
                "{bank}认为未来十二个月出现衰退的概率为{share}%。",
                "即使{index}回撤{pct}%，也只是回到{month}的水平。",
                "流动性偏弱：{month}{etf}的日均成交额下降{pct}%。",
                "围绕{risk}的不确定性使{sector}板块的风险溢价居高不下。",
            ),
        },
        titles={"en": ("Risks to the {index} rally", "What could go wrong: {risk}"),
                "zh": ("{index}上涨的风险", "潜在风险：{risk}")},
        headings={"en": ("Key risks", "Credit", "Scenarios"), "zh": ("主要风险", "信用风险", "情景分析")},
        tags={"en": ("risks", "credit"), "zh": ("风险", "信用")},
        questions={
            "en": ("What are the main risks for {index} in {year}?", "How large is the refinancing wall for {index}?",
                   "What is the recession probability according to {bank}?"),
            "zh": ("{year}年{index}面临哪些主要风险？", "{index}的再融资压力有多大？", "{bank}认为衰退概率是多少？"),
        },
    ),
    Topic(
        "macro", 8,
        sentences={
            "en": (
                "{macro} came in at {dpct}% in {month}, against a consensus of {dpct2}%.",
                "Payrolls rose by {k_jobs} thousand in {month} and the unemployment rate held at {rate_lvl}%.",
                "The ISM manufacturing index climbed to {pmi}, its first expansion reading in {days} months.",
                "Real GDP grew at an annualised {dpct}% in {quarter}.",
                "{bank} lowered its {year} forecast for {macro} to {dpct}%.",
                "Small caps have tended to outperform when {macro} accelerates, by about {dpct} points a quarter.",
                "Wage growth of {dpct2}% keeps services inflation sticky, a problem for {rate}.",
                "The surprise index for {macro} turned positive in {month} after {days} weeks below zero.",
            ),
            "zh": (
                "{month}{macro}为{dpct}%，市场预期为{dpct2}%。",
                "{month}新增就业{k_jobs}千人，失业率维持在{rate_lvl}%。",
                "ISM制造业指数升至{pmi}，为{days}个月来首次进入扩张区间。",
                "{quarter}实际GDP年化增长{dpct}%。",
                "{bank}将{year}年{macro}的预测下调至{dpct}%。",
                "历史上{macro}加速时，小盘股通常每季度跑赢约{dpct}个百分点。",
                "工资增速为{dpct2}%，服务业通胀仍有粘性，给{rate}带来压力。",
                "{macro}意外指数在连续{days}周为负后，于{month}转正。",
            ),
        },
        titles={"en": ("Macro notes: {macro} in {month}", "{macro} and what it means for {index}"),
                "zh": ("宏观点评：{month}{macro}", "{macro}对{index}的影响")},
        headings={"en": ("The data", "Market reaction", "Outlook"), "zh": ("数据", "市场反应", "展望")},
        tags={"en": ("macro", "economy"), "zh": ("宏观", "经济")},
        questions={
            "en": ("What did {macro} show in {month}?", "How do small caps react when {macro} accelerates?"),
            "zh": ("{month}{macro}数据如何？", "{macro}加速时小盘股表现如何？"),
        },
    ),
    Topic(
        "history", 4,
        sentences={
            "en": (
                "Since {hist_year}, small caps have beaten large caps by about {dpct} percentage points a year.",
                "The {factor} factor returned {pct}% over the decade to {year}, with a drawdown of {pct2}% on the way.",
                "Spells in which {index} trailed {index2} for more than {n_small} years have always ended, "
                "but never on schedule.",
                "After the first rate cut of a cycle, small caps gained a median {pct}% over the next twelve months.",
                "In {n_of} of the last {n_total} recoveries, {factor} stocks led in the first year.",
                "Leaving out the episode of {hist_year}, the size premium shrinks to {dpct2} points a year.",
            ),
            "zh": (
                "自{hist_year}年以来，小盘股平均每年跑赢大盘股约{dpct}个百分点。",
                "截至{year}年的十年间，{factor}因子累计回报{pct}%，期间最大回撤{pct2}%。",
                "{index}跑输{index2}超过{n_small}年的阶段最终都结束了，但结束时间难以预测。",
                "降息周期开始后的十二个月里，小盘股的收益中位数为{pct}%。",
                "在过去{n_total}次经济复苏中，有{n_of}次{factor}股票在第一年领涨。",
                "剔除{hist_year}年的那段行情，规模溢价缩小至每年{dpct2}个百分点。",
            ),
        },
        titles={"en": ("A long view of the {factor} premium", "What history says about {index}"),
                "zh": ("{factor}溢价的长期视角", "历史数据看{index}")},
        headings={"en": ("The long record", "Cycles", "Lessons"), "zh": ("长期记录", "周期", "启示")},
        tags={"en": ("history", "factors"), "zh": ("历史", "因子")},
        questions={
            "en": ("How large has the size premium been since {hist_year}?",
                   "How did {factor} stocks do in past recoveries?"),
            "zh": ("{hist_year}年以来小盘股溢价有多大？", "过去的复苏中{factor}股票表现如何？"),
        },
    ),
    Topic(
        "commodities", 6,
        sentences={
            "en": (
                "{commodity} {up} {pct}% in {month} as supply tightened.",
                "Inventories of {commodity} fell to a {days}-week low on {date}.",
                "{bank} raised its {year} forecast for {commodity} by {dpct}%.",
                "A {pct}% move in {commodity} changes {sector} earnings by roughly {dpct2}%.",
                "Speculative positioning in {commodity} reached the {share}th percentile of its range.",
                "{commodity} and {commodity2} have moved together in {share}% of weeks since {year}.",
            ),
            "zh": (
                "{month}，受供应收紧影响，{commodity}{up}{pct}%。",
                "{date}，{commodity}库存降至{days}周低点。",
                "{bank}将{year}年{commodity}价格预测上调{dpct}%。",
                "{commodity}每变动{pct}%，{sector}板块盈利约变动{dpct2}%。",
                "{commodity}的投机性持仓升至区间的第{share}百分位。",
                "自{year}年以来，{commodity}与{commodity2}在{share}%的周份同向波动。",
            ),
        },
        titles={"en": ("Commodities: {commodity} in {month}", "{commodity} and {sector} earnings"),
                "zh": ("大宗商品：{month}的{commodity}", "{commodity}与{sector}盈利")},
        headings={"en": ("Prices", "Supply and demand", "Equity read-through"),
                  "zh": ("价格", "供需", "对股市的影响")},
        tags={"en": ("commodities", "macro"), "zh": ("大宗商品", "宏观")},
        questions={
            "en": ("Why did {commodity} move in {month}?", "How does {commodity} affect {sector} earnings?"),
            "zh": ("{month}{commodity}为何波动？", "{commodity}如何影响{sector}盈利？"),
        },
    ),
)
