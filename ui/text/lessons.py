"""Strings of the lessons (ui/lessons.py) and of their index page (pages/12_lessons.py).

Every lesson has ``lesson.<id>.question``, ``lesson.<id>.choice.<code>`` for each choice,
``lesson.<id>.why`` (the explanation, pointing at the figure that shows the answer) and,
where the lesson matches an exercise of the course's seed documents, ``lesson.<id>.exercise``.
"""

STRINGS = {
    # --- the sidebar on every page ---------------------------------------------------------
    "lessons.sidebar": ("Lessons on this page", "本页练习"),
    "lessons.predict": ("Predict first, then press “Set up this lesson”.",
                        "先预测，再按“设置本练习”。"),
    "lessons.number": ("Lesson {n}", "练习 {n}"),
    "lessons.setup": ("Set up this lesson", "设置本练习"),
    "lessons.setup.help": (
        "Puts the page into the lesson's exact settings (your other changes on this page are "
        "reset). Your answer stays in this browser session; nothing is recorded or sent.",
        "把页面设为本练习的设置（本页的其他改动会被重置）。你的答案只保存在本次浏览器会话中，"
        "不会被记录或发送。"),
    "lessons.active": ("The page is now in this lesson's state.", "页面已设为本练习的状态。"),
    "lessons.reveal": ("Reveal the answer", "显示答案"),
    "lessons.hidden": ("The answer is hidden until the teacher reveals it.",
                       "答案已隐藏，等老师揭晓。"),
    "lessons.answer": ("Answer: {answer}", "答案：{answer}"),
    "lessons.right": ("Your prediction was right.", "你的预测是对的。"),
    "lessons.wrong": ("You predicted “{chosen}”.", "你预测的是“{chosen}”。"),
    "lessons.index_link": ("All lessons, in course order", "全部练习（按课程顺序）"),
    # --- the index page ---------------------------------------------------------------------
    "lessons.title": ("Lessons, in course order", "课堂练习（按课程顺序）"),
    "lessons.intro": (
        "Each lesson is a short guided exercise: read the question and predict the answer "
        "before touching anything, open the lesson (the page opens in the lesson's exact "
        "settings), then find the answer in the figure the lesson names. The same questions "
        "are in the sidebar of each page. Answers stay in your browser session only.",
        "每个练习都是一个简短的引导练习：先读题并在动手之前预测答案，再打开练习"
        "（页面会以练习的设置打开），然后在练习指出的图中找到答案。每个页面的侧边栏中也有"
        "同样的问题。答案只保存在你的浏览器会话中。"),
    "lessons.teacher": ("Links for a class: answers hidden until revealed",
                        "课堂链接：答案先隐藏，揭晓后才显示"),
    "lessons.teacher.help": (
        "Adds teacher=1 to every link: the page keeps the answer hidden until “Reveal the "
        "answer” is pressed.",
        "在每个链接中加入 teacher=1：页面会隐藏答案，直到按下“显示答案”。"),
    "lessons.projector_links": ("Links open in the projector view",
                                "链接以投影模式打开"),
    "lessons.open": ("Open the lesson", "打开练习"),
    "lessons.exercise": ("Course exercise: {name}", "课程习题：{name}"),
    "lessons.copy": ("Link (copy button at the right):", "链接（右侧有复制按钮）："),
    "lessons.none": ("Pages without lessons yet: {pages}.", "尚无练习的页面：{pages}。"),
    "lessons.col.n": ("#", "#"),
    "lessons.col.page": ("page", "页面"),
    "lessons.col.question": ("question", "问题"),
    "lessons.col.exercise": ("course exercise", "课程习题"),
    "lessons.col.link": ("link", "链接"),
    # --- SRN ----------------------------------------------------------------------------------
    "lesson.srn-identity.question": (
        "The default network (every weight 1, inputs [1, 1], [1, 1], [2, 2]) with no "
        "activation (identity): what is y₃, the output at t = 3?",
        "默认网络（所有权重为 1，输入 [1, 1]、[1, 1]、[2, 2]），不用激活函数（恒等）："
        "t = 3 时的输出 y₃ 是多少？"),
    "lesson.srn-identity.choice.two": ("just under 2", "略小于 2"),
    "lesson.srn-identity.choice.eight": ("8", "8"),
    "lesson.srn-identity.choice.thirtytwo": ("32", "32"),
    "lesson.srn-identity.choice.inf": ("it overflows to infinity", "溢出为无穷大"),
    "lesson.srn-identity.why": (
        "The metrics under “Step t” show y₃ = [32, 32]. With no activation the state only "
        "adds up: h₁ = 2, h₂ = 2 + 2·2 = 6, h₃ = 4 + 2·6 = 16 per unit, and y = 2h = 32. The "
        "unrolled picture carries the same numbers on every step.",
        "“单步计算”下的指标显示 y₃ = [32, 32]。没有激活函数时状态只是不断累加："
        "每个单元 h₁ = 2，h₂ = 2 + 2·2 = 6，h₃ = 4 + 2·6 = 16，y = 2h = 32。"
        "展开图的每一步上也标着同样的数字。"),
    "lesson.srn-identity.exercise": (
        "the SRN by hand, without an activation (4, 12, 32)",
        "手算简单循环网络，不用激活函数（4、12、32）"),
    "lesson.srn-tanh.question": (
        "The same network with tanh: what is y₃ now?",
        "同一个网络改用 tanh：现在 y₃ 是多少？"),
    "lesson.srn-tanh.choice.two": ("just under 2", "略小于 2"),
    "lesson.srn-tanh.choice.eight": ("8", "8"),
    "lesson.srn-tanh.choice.thirtytwo": ("32, as without it", "32，和没有激活函数时一样"),
    "lesson.srn-tanh.choice.zero": ("0", "0"),
    "lesson.srn-tanh.why": (
        "The metrics show y₃ = [1.99998, 1.99998]: tanh squeezes each h into (−1, 1), so "
        "h₃ = 0.99999 per unit and y = 2h stays just under 2 however large the weighted sum "
        "(32 without the activation).",
        "指标显示 y₃ = [1.99998, 1.99998]：tanh 把每个 h 压进 (−1, 1)，所以每个单元 "
        "h₃ = 0.99999，无论加权和多大，y = 2h 都略小于 2（没有激活函数时是 32）。"),
    "lesson.srn-tanh.exercise": (
        "the SRN by hand, with tanh (1.928, 1.998, 1.99998)",
        "手算简单循环网络，使用 tanh（1.928、1.998、1.99998）"),
    # --- activation ----------------------------------------------------------------------------
    "lesson.activation-grow.question": (
        "Recurrent weight scale 1 (every entry of U is 1: spectral radius 2) and length 100: "
        "what does the identity network's output do?",
        "循环权重缩放为 1（U 的每个元素都是 1，谱半径 2），序列长度 100："
        "恒等（无激活）网络的输出会怎样？"),
    "lesson.activation-grow.choice.grow": ("grows without bound", "无限增长"),
    "lesson.activation-grow.choice.level": ("levels off at a fixed value", "趋于一个固定值"),
    "lesson.activation-grow.choice.vanish": ("fades to zero", "衰减到零"),
    "lesson.activation-grow.why": (
        "In the states figure (log axis) the identity curve is a straight rising line: y "
        "doubles every step (plus 4) and reaches about 5.7e30 at t = 100. Each step "
        "multiplies the state by U, whose spectral radius is 2.",
        "在状态图（对数坐标）中，恒等网络的曲线是一条笔直上升的线：y 每步翻倍（再加 4），"
        "到 t = 100 约为 5.7e30。每一步都把状态乘以谱半径为 2 的 U。"),
    "lesson.activation-grow.exercise": (
        "with and without tanh: 4 → 12 → 32, and geometric growth for longer inputs",
        "有无 tanh：4 → 12 → 32，输入更长时按几何级数增长"),
    "lesson.activation-saturate.question": (
        "The same settings (scale 1, length 100): what does the tanh network's output do?",
        "同样的设置（缩放 1，长度 100）：tanh 网络的输出会怎样？"),
    "lesson.activation-saturate.choice.grow": ("grows without bound, like the identity's",
                                               "和恒等网络一样无限增长"),
    "lesson.activation-saturate.choice.saturate": ("stays just under 2 (saturates)",
                                                   "停在略小于 2 处（饱和）"),
    "lesson.activation-saturate.choice.vanish": ("fades to zero", "衰减到零"),
    "lesson.activation-saturate.why": (
        "The tanh curve of the states figure is flat just below 2 (y₁₀₀ = 1.9987, in the "
        "metrics too): tanh keeps every unit inside (−1, 1), so y = 2h cannot pass 2 however "
        "large U is.",
        "状态图中 tanh 的曲线在略低于 2 处保持水平（指标中 y₁₀₀ = 1.9987）："
        "tanh 让每个单元都在 (−1, 1) 之内，所以无论 U 多大，y = 2h 都不会超过 2。"),
    "lesson.activation-saturate.exercise": (
        "with and without tanh: the outputs saturate towards 2",
        "有无 tanh：输出饱和并趋近 2"),
    "lesson.activation-fade.question": (
        "Recurrent weight scale 0.4 (spectral radius 0.8), length 100, no activation: will "
        "the identity network's output grow, level off or vanish?",
        "循环权重缩放 0.4（谱半径 0.8），长度 100，不用激活函数："
        "恒等网络的输出会增长、趋于固定值，还是消失？"),
    "lesson.activation-fade.choice.grow": ("grow", "增长"),
    "lesson.activation-fade.choice.level": ("level off", "趋于固定值"),
    "lesson.activation-fade.choice.vanish": ("vanish", "消失"),
    "lesson.activation-fade.why": (
        "In the states figure y rises to 20 and stays there: the input keeps feeding the "
        "state (h = 0.8·h + 2 settles at 10 per unit). What vanishes is the gradient: the "
        "lower figure shows ‖∂h₁₀₀/∂h₁‖ ≈ 2.5e-10, a factor 0.8 per step.",
        "状态图中 y 升到 20 后保持不变：输入一直在补充状态（h = 0.8·h + 2 在每个单元 10 处"
        "稳定）。消失的是梯度：下方的图显示 ‖∂h₁₀₀/∂h₁‖ ≈ 2.5e-10，每步乘以 0.8。"),
    # --- BPTT ---------------------------------------------------------------------------------
    "lesson.bptt-small-u.question": (
        "The default network (tanh, target [1, 1] at every step) gets ∂L/∂V ≈ 2.9. How "
        "large is ∂L/∂U, the recurrent weights' gradient?",
        "默认网络（tanh，每一步的目标都是 [1, 1]）的 ∂L/∂V ≈ 2.9。"
        "循环权重的梯度 ∂L/∂U 有多大？"),
    "lesson.bptt-small-u.choice.same": ("about as large (about 3)", "差不多大（约 3）"),
    "lesson.bptt-small-u.choice.small": ("about 0.003, a thousand times smaller",
                                         "约 0.003，小一千倍"),
    "lesson.bptt-small-u.choice.zero": ("exactly 0", "正好为 0"),
    "lesson.bptt-small-u.why": (
        "The gradients section shows ∂L/∂U = 0.00303 in every entry, and the stacked "
        "contributions figure each step's share: 0 at t = 1, 0.00298 at t = 2, 4.9e-5 at "
        "t = 3. The tanh units are saturated (1 − h² ≈ 0.07, 0.0015, 2.5e-5), so little "
        "gradient gets back through them to U.",
        "“梯度”一节显示 ∂L/∂U 的每个元素都是 0.00303，堆叠贡献图给出每一步的份额："
        "t = 1 为 0，t = 2 为 0.00298，t = 3 为 4.9e-5。tanh 单元已经饱和"
        "（1 − h² ≈ 0.07、0.0015、2.5e-5），所以只有很少的梯度能穿过它们传到 U。"),
    "lesson.bptt-small-u.exercise": (
        "backpropagation through time by hand: why ∂L/∂U is tiny",
        "手算随时间反向传播：为什么 ∂L/∂U 很小"),
    "lesson.bptt-identity.question": (
        "Take the activation away (identity: f′ = 1 everywhere). What happens to ∂L/∂U?",
        "去掉激活函数（恒等：处处 f′ = 1）。∂L/∂U 会怎样？"),
    "lesson.bptt-identity.choice.larger": ("it becomes far larger (hundreds)",
                                           "变得大得多（几百）"),
    "lesson.bptt-identity.choice.same": ("it stays about 0.003", "仍约为 0.003"),
    "lesson.bptt-identity.choice.zero": ("it becomes exactly 0", "变为正好 0"),
    "lesson.bptt-identity.why": (
        "The gradients section shows ∂L/∂U = 664 in every entry (∂L/∂V = 568): with no "
        "squashing the outputs are 4, 12, 32 against a target of 1, and every error is "
        "passed back through U undamped. The contributions figure shows each step's share.",
        "“梯度”一节显示 ∂L/∂U 的每个元素都是 664（∂L/∂V = 568）：没有压缩时输出是 4、12、32，"
        "而目标是 1，每个误差都不经衰减地通过 U 传回。贡献图显示每一步的份额。"),
    # --- gated cells ----------------------------------------------------------------------------
    "lesson.gated-forget.question": (
        "A pulse enters at t = 1, then only zeros. With forget-gate bias 4 (f = σ(4) = "
        "0.982), how much of the pulse is left after 50 steps in the LSTM's c, and in the "
        "SRN's h?",
        "t = 1 时输入一个脉冲，之后全是 0。遗忘门偏置为 4（f = σ(4) = 0.982）时，"
        "50 步之后 LSTM 的 c 和 SRN 的 h 中各还剩多少脉冲？"),
    "lesson.gated-forget.choice.lstm": ("LSTM about 40%, SRN almost nothing",
                                        "LSTM 约 40%，SRN 几乎为零"),
    "lesson.gated-forget.choice.both": ("both about 40%", "都约为 40%"),
    "lesson.gated-forget.choice.none": ("both almost nothing", "都几乎为零"),
    "lesson.gated-forget.choice.all": ("LSTM all of it, SRN almost nothing",
                                       "LSTM 全部保留，SRN 几乎为零"),
    "lesson.gated-forget.why": (
        "In “How much of the pulse is left” the LSTM's line ends at 0.40 (0.982⁵⁰) while "
        "the SRN's has fallen to about 1e-5: the cell state is multiplied by f at each step, "
        "the SRN's state by a weight and a tanh derivative.",
        "在“脉冲还剩多少”图中，LSTM 的线停在 0.40（0.982⁵⁰），而 SRN 的线已降到约 1e-5："
        "细胞状态每一步乘以 f，而 SRN 的状态每一步乘以权重和 tanh 的导数。"),
    "lesson.gated-forget.exercise": (
        "the memory of gated cells: a pulse through an SRN and an LSTM",
        "门控单元的记忆：一个脉冲通过 SRN 和 LSTM"),
    "lesson.gated-bias-zero.question": (
        "Now the forget bias is 0 (f = σ(0) = 0.5). After 50 steps, how much of the pulse "
        "is left in the LSTM's c?",
        "现在遗忘门偏置为 0（f = σ(0) = 0.5）。50 步之后，LSTM 的 c 中还剩多少脉冲？"),
    "lesson.gated-bias-zero.choice.still": ("still about 40%", "仍约 40%"),
    "lesson.gated-bias-zero.choice.half": ("about half", "约一半"),
    "lesson.gated-bias-zero.choice.nothing": ("practically nothing (below 1e-14)",
                                              "几乎为零（低于 1e-14）"),
    "lesson.gated-bias-zero.why": (
        "The LSTM's line in “How much of the pulse is left” now falls as steeply as the "
        "SRN's, to 0.5⁵⁰ ≈ 8.9e-16. The gate, not the kind of cell, keeps the memory: a "
        "forget gate near 1 is what carries it.",
        "“脉冲还剩多少”图中 LSTM 的线现在和 SRN 的一样陡，降到 0.5⁵⁰ ≈ 8.9e-16。"
        "保住记忆的是门，而不是单元的种类：接近 1 的遗忘门才能把记忆带下去。"),
}
