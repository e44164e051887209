"""Strings of the lessons (ui/lessons.py) and of their index page (views/12_lessons.py).

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
    # --- hello → ohlol ---------------------------------------------------------------------
    "lesson.ohlol-seeds.question": (
        "Variant A (one-hot RNNCell, the course's learning rate 0.1 and 15 epochs) trained from "
        "20 random seeds, 28 to 47: how many of them predict “ohlol” by epoch 15?",
        "变体 A（独热编码的 RNNCell，课程的学习率 0.1、15 轮）从 20 个随机种子（28 到 47）"
        "分别训练：到第 15 轮时，有多少个种子能预测出“ohlol”？"),
    "lesson.ohlol-seeds.choice.all": ("all 20", "全部 20 个"),
    "lesson.ohlol-seeds.choice.most": ("about two in three", "大约三分之二"),
    "lesson.ohlol-seeds.choice.few": ("about one in five", "大约五分之一"),
    "lesson.ohlol-seeds.choice.none": ("none: 15 epochs are too few",
                                       "一个也没有：15 轮太少"),
    "lesson.ohlol-seeds.why": (
        "Press Train: the metric “Seeds reaching “ohlol” by epoch 15” shows 14 / 20, and the "
        "bar chart “When each seed first predicts “ohlol”” shows when each got there (the "
        "median at epoch 7) and the 6 seeds that never do. The band of the loss figure is "
        "just as wide: the same recipe, a different start, a different outcome. One run "
        "proves little.",
        "按“训练”：指标“在第 15 轮之前答对（ohlol）的种子数”显示 14 / 20，"
        "柱状图“每个种子第一次答对（ohlol）的轮次”显示各个种子何时做到（中位数为第 7 轮），"
        "以及始终没做到的 6 个种子。损失图中的阴影带同样很宽：同样的方法，不同的起点，"
        "不同的结果。只跑一次说明不了什么。"),
    "lesson.ohlol-seeds.exercise": (
        "hello → ohlol, variant A: a one-hot RNNCell whose hidden state is the logits",
        "hello → ohlol，变体 A：隐状态就是 logits 的独热编码 RNNCell"),
    "lesson.ohlol-cells.question": (
        "Variant B (embedding, hidden size 4) at the course's learning rate 0.001: which cell "
        "predicts “ohlol” first, the RNN, the LSTM or the GRU?",
        "变体 B（嵌入层，隐藏层大小 4），使用课程的学习率 0.001：RNN、LSTM、GRU 中哪个单元"
        "最先预测出“ohlol”？"),
    "lesson.ohlol-cells.choice.rnn": ("the plain RNN", "普通 RNN"),
    "lesson.ohlol-cells.choice.lstm": ("the LSTM", "LSTM"),
    "lesson.ohlol-cells.choice.gru": ("the GRU", "GRU"),
    "lesson.ohlol-cells.choice.same": ("all three at the same epoch", "三者在同一轮"),
    "lesson.ohlol-cells.why": (
        "Press Train: the metrics show the RNN first correct at epoch 248, the GRU at 329 "
        "and the LSTM at 361 (seed 28), and the loss figure marks each cell's first correct "
        "epoch. Five letters need no long memory: the gates only add parameters to learn, so "
        "the plain RNN gets there first.",
        "按“训练”：指标显示 RNN 在第 248 轮首次答对，GRU 在第 329 轮，LSTM 在第 361 轮"
        "（种子 28），损失图标出了每个单元首次答对的轮次。五个字母用不着长期记忆："
        "门只会增加要学习的参数，所以普通 RNN 最先做到。"),
    "lesson.ohlol-cells.exercise": (
        "hello → ohlol, variant B: nn.RNN, nn.LSTM and nn.GRU after an embedding",
        "hello → ohlol，变体 B：嵌入层之后接 nn.RNN、nn.LSTM 和 nn.GRU"),
    # --- sine ---------------------------------------------------------------------------------
    "lesson.sine-carried.question": (
        "The reference recipe carries the hidden state from one training iteration to the "
        "next (here for 2,000 iterations). Which forecast of the window from t = 1 is "
        "closer to the sine: one started from the state left over from training, or one "
        "from a zero state?",
        "参考方法在训练的各次迭代之间传递隐状态（这里训练 2000 次迭代）。从 t = 1 开始的"
        "预测，哪一个更接近正弦曲线：从训练剩下的状态开始的，还是从零状态开始的？"),
    "lesson.sine-carried.choice.carried": ("the left-over state, several times closer",
                                           "训练剩下的状态，误差小好几倍"),
    "lesson.sine-carried.choice.zero": ("the zero state", "零状态"),
    "lesson.sine-carried.choice.same": ("no difference", "没有区别"),
    "lesson.sine-carried.why": (
        "Press Train. The metric “Forecast MSE” is the forecast from a zero state (about "
        "0.028); with “Start from the hidden state left over from training” on, the line "
        "above the forecast figure gives the free-running MSE from the left-over state "
        "(about 0.005), and the free-running curve of the figure stays on the sine from its "
        "first steps. The model was trained with a state already running, never from zero.",
        "按“训练”。指标“预测 MSE”是从零状态开始的预测（约 0.028）；"
        "打开“从训练结束时残留的隐状态开始”后，"
        "预测图上方的一行给出从剩下的状态开始的自行预测 MSE（约 0.005），图中的自行预测曲线"
        "从最初几步起就贴着正弦曲线。模型训练时隐状态一直在运行，从没有从零开始过。"),
    "lesson.sine-carried.exercise": (
        "the sine forecast with nn.RNN(1, 16), the hidden state carried between iterations",
        "用 nn.RNN(1, 16) 预测正弦波，隐状态在迭代之间传递"),
    "lesson.sine-horizon.question": (
        "The fast recipe trains on windows of 50 points. Forecast 300 steps, six times that, "
        "free-running (each output fed back as the next input): how does its error compare "
        "with the one-step prediction's (the true point as input at every step)?",
        "快速方法用 50 个点的窗口训练。让模型自行预测 300 步（窗口的六倍，每个输出作为下一步"
        "的输入）：它的误差和单步预测（每一步都输入真实的点）相比如何？"),
    "lesson.sine-horizon.choice.same": ("about the same", "差不多"),
    "lesson.sine-horizon.choice.larger": (
        "a hundred times larger or so, yet the forecast still follows the wave",
        "大一百倍左右，但预测仍然跟着波形走"),
    "lesson.sine-horizon.choice.explodes": ("it blows up (MSE above 1)",
                                            "发散（MSE 超过 1）"),
    "lesson.sine-horizon.why": (
        "Press Train: the line above the forecast figure gives, over the 300 steps, a "
        "free-running MSE near 8e-3 and a one-step MSE near 7e-5. In the figure the "
        "free-running curve keeps the sine's shape far past the trained window, while its "
        "error (lower panel) grows slowly: each step's small mistake is fed back in.",
        "按“训练”：预测图上方的一行给出 300 步上的自行预测 MSE 约为 8e-3，单步预测 MSE 约为 "
        "7e-5。图中的自行预测曲线在训练窗口之后很远仍保持正弦形状，而它的误差（下方面板）"
        "慢慢增长：每一步的小错误都被反馈回来。"),
    # --- encoder-decoder --------------------------------------------------------------------
    "lesson.seq2seq-untrained.question": (
        "The encoder-decoder starts from random weights. After the first epoch, what does "
        "greedy decoding write for hello, cat and good?",
        "编码器-解码器从随机权重开始。第一轮之后，贪心解码为 hello、cat、good 写出了什么？"),
    "lesson.seq2seq-untrained.choice.right": ("already hola, gato, bueno",
                                              "已经是 hola、gato、bueno"),
    "lesson.seq2seq-untrained.choice.empty": ("nothing at all", "什么也没写"),
    "lesson.seq2seq-untrained.choice.letters": (
        "short wrong strings of a few target letters", "由几个目标字母组成的错误短串"),
    "lesson.seq2seq-untrained.choice.copy": ("the English words copied",
                                             "照抄英文单词"),
    "lesson.seq2seq-untrained.why": (
        "Press Train, then read the first row of “How the translations changed while "
        "training” (or hover the first point of the loss curve): at epoch 1 greedy decoding "
        "writes haa, gaa, gaa, none right. The decoder has only begun to learn which letters "
        "are common in the targets; the whole words come tens of epochs later (the star on "
        "the curve).",
        "按“训练”，然后看“训练过程中译文的变化”的第一行（或把鼠标放在损失曲线的第一个点上）："
        "第 1 轮贪心解码写出 haa、gaa、gaa，一个也不对。解码器才刚开始学习目标中常见的字母；"
        "完整的单词要再过几十轮才出现（曲线上的星号）。"),
    "lesson.seq2seq-untrained.exercise": (
        "the encoder-decoder translating hello, cat, good into Spanish",
        "把 hello、cat、good 译成西班牙语的编码器-解码器"),
    "lesson.seq2seq-unseen.question": (
        "After training on hello, cat and good, what does the model write for “dog”, a word "
        "it has never seen?",
        "用 hello、cat、good 训练之后，模型对从没见过的单词“dog”会写出什么？"),
    "lesson.seq2seq-unseen.choice.nothing": ("nothing: it stops at once",
                                             "什么也不写：立即结束"),
    "lesson.seq2seq-unseen.choice.letters": ("a new word of random letters",
                                             "一个由随机字母组成的新词"),
    "lesson.seq2seq-unseen.choice.known": ("one of the three Spanish words it learned",
                                           "它学过的三个西班牙语单词之一"),
    "lesson.seq2seq-unseen.choice.dog": ("“dog” copied", "照抄“dog”"),
    "lesson.seq2seq-unseen.why": (
        "Press Train: under “Inside one translation” the page shows dog → hola. Three pairs "
        "teach the decoder three words and nothing else; the context vector of “dog” is "
        "simply closest to one of the three it knows (compare the context bars with those "
        "of hello).",
        "按“训练”：在“一次翻译的内部”下，页面显示 dog → hola。三对词只教会了解码器三个单词，"
        "别的什么也没有；“dog”的上下文向量只是最接近它认识的三个之一（把上下文柱状图与 "
        "hello 的比较一下）。"),
    "lesson.seq2seq-unseen.exercise": (
        "the encoder-decoder translating hello, cat, good into Spanish: a word not in the "
        "pairs",
        "把 hello、cat、good 译成西班牙语的编码器-解码器：不在词对中的单词"),
    # --- bidirectional ------------------------------------------------------------------------
    "lesson.bidirectional-backward.question": (
        "A one-layer bidirectional RNN with hidden size 3 reads five numbers: out has shape "
        "(5, 1, 6) and h_n (2, 1, 3). Which slice of out equals h_n[1], the backward "
        "direction's final state?",
        "一层、隐藏层大小为 3 的双向 RNN 读入五个数：out 的形状为 (5, 1, 6)，h_n 为 "
        "(2, 1, 3)。out 的哪个切片等于 h_n[1]，即后向的最终状态？"),
    "lesson.bidirectional-backward.choice.last-back": ("out[-1, :, 3:]", "out[-1, :, 3:]"),
    "lesson.bidirectional-backward.choice.first-back": ("out[0, :, 3:]", "out[0, :, 3:]"),
    "lesson.bidirectional-backward.choice.last-fwd": ("out[-1, :, :3]", "out[-1, :, :3]"),
    "lesson.bidirectional-backward.choice.none": ("no slice of out", "out 中没有这样的切片"),
    "lesson.bidirectional-backward.why": (
        "The table “Which slice of out is which row of h_n” pairs h_n[1] with out[0, :, 3:] "
        "(difference 0): the backward direction reads the sequence from the end, so its "
        "final state is the one it writes at the first step. out[-1] holds the forward "
        "direction's final state in its first half only. The states figure shows the "
        "backward arrow ending at t = 1.",
        "表格“out 的哪一片等于 h_n 的哪一行”把 h_n[1] 与 out[0, :, 3:] 对应起来"
        "（差为 0）：后向从序列末尾读起，所以它的最终状态就是它在第一步写出的状态。"
        "out[-1] 只有前半部分是正向的最终状态。状态图中后向的箭头止于 t = 1。"),
    "lesson.bidirectional-backward.exercise": (
        "a bidirectional nn.RNN: which part of out is h_n",
        "双向 nn.RNN：out 的哪一部分是 h_n"),
    "lesson.bidirectional-layers.question": (
        "Now two layers: h_n has 4 rows (2 layers × 2 directions). How many of them can be "
        "found in out?",
        "现在是两层：h_n 有 4 行（2 层 × 2 个方向）。其中有几行能在 out 中找到？"),
    "lesson.bidirectional-layers.choice.four": ("all 4", "全部 4 行"),
    "lesson.bidirectional-layers.choice.two": ("2: the top layer's", "2 行：最上层的"),
    "lesson.bidirectional-layers.choice.zero": ("none", "一行也没有"),
    "lesson.bidirectional-layers.why": (
        "The table “Which slice of out is which row of h_n” finds out[-1, :, :3] and "
        "out[0, :, 3:] for h_n[2] and h_n[3] only; h_n[0] and h_n[1], the first layer's, "
        "have “—”: out holds the last layer's states only, so the lower layers' final "
        "states are in h_n alone.",
        "表格“out 的哪一片等于 h_n 的哪一行”只为 h_n[2] 和 h_n[3] 找到了 out[-1, :, :3] 和 "
        "out[0, :, 3:]；第一层的 h_n[0] 和 h_n[1] 是“—”：out 只保存最后一层的状态，所以"
        "下面各层的最终状态只在 h_n 里。"),
    # --- layer shapes ----------------------------------------------------------------------
    "lesson.shapes-layers.question": (
        "nn.RNN(100, 20) reads x of shape (10, 3, 100): out is (10, 3, 20) and h_n "
        "(1, 3, 20). With num_layers = 4, which of the two changes shape?",
        "nn.RNN(100, 20) 读入形状为 (10, 3, 100) 的 x：out 为 (10, 3, 20)，h_n 为 "
        "(1, 3, 20)。当 num_layers = 4 时，两者中哪一个的形状会变？"),
    "lesson.shapes-layers.choice.both": ("both", "两个都变"),
    "lesson.shapes-layers.choice.h_n": ("only h_n: (4, 3, 20)", "只有 h_n：(4, 3, 20)"),
    "lesson.shapes-layers.choice.out": ("only out: (40, 3, 20)", "只有 out：(40, 3, 20)"),
    "lesson.shapes-layers.choice.neither": ("neither", "都不变"),
    "lesson.shapes-layers.why": (
        "The table “What goes in and what comes out” shows out (10, 3, 20) and h_n "
        "(4, 3, 20), and the diagram draws four stacked layers: out is the top layer's "
        "state at every step, h_n every layer's state at the last step, one row per layer.",
        "表格“输入什么，输出什么”显示 out 为 (10, 3, 20)，h_n 为 (4, 3, 20)，示意图画出了"
        "四个叠起来的层：out 是最上层在每一步的状态，h_n 是每一层在最后一步的状态，每层一行。"),
    "lesson.shapes-layers.exercise": (
        "the shapes of nn.RNN's input, output and hidden state",
        "nn.RNN 的输入、输出和隐状态的形状"),
    "lesson.shapes-batch-first.question": (
        "Back to one layer, with batch_first = True: which shapes change?",
        "回到一层，设 batch_first = True：哪些形状会变？"),
    "lesson.shapes-batch-first.choice.all": ("x, out and h_n", "x、out 和 h_n"),
    "lesson.shapes-batch-first.choice.x_out": ("x and out only: (3, 10, …)",
                                               "只有 x 和 out：(3, 10, …)"),
    "lesson.shapes-batch-first.choice.h_n": ("h_n only", "只有 h_n"),
    "lesson.shapes-batch-first.choice.nothing": ("nothing", "都不变"),
    "lesson.shapes-batch-first.why": (
        "The table “What goes in and what comes out” shows x (3, 10, 100) and out "
        "(3, 10, 20), the batch first, while h0 and h_n stay (1, 3, 20): batch_first "
        "applies to the input and the output only, never to the hidden state.",
        "表格“输入什么，输出什么”显示 x 为 (3, 10, 100)、out 为 (3, 10, 20)，批次维在前；"
        "h0 和 h_n 仍是 (1, 3, 20)：batch_first 只作用于输入和输出，从不作用于隐状态。"),
    "lesson.shapes-batch-first.exercise": (
        "the shapes of nn.RNN's input, output and hidden state, with batch_first",
        "nn.RNN 的输入、输出和隐状态的形状（batch_first）"),
    # --- character language model ----------------------------------------------------------
    "lesson.language-before.question": (
        "A character language model on the first 2,000 characters of a play (54 different "
        "characters). Before any training, with random weights, what is its perplexity?",
        "在一部剧本的前 2000 个字符上训练字符级语言模型（54 个不同的字符）。训练之前，"
        "权重是随机的，它的困惑度是多少？"),
    "lesson.language-before.choice.one": ("about 1", "约 1"),
    "lesson.language-before.choice.vocab": ("about 54, the vocabulary size",
                                            "约 54，即词表大小"),
    "lesson.language-before.choice.squared": ("about 3,000 (54²)", "约 3000（54²）"),
    "lesson.language-before.why": (
        "Press Train: the metric “Perplexity before training” shows about 56, next to "
        "“Vocabulary size” 54. An untrained model spreads its guess almost evenly over "
        "the characters, and perplexity is the number of equally likely choices it is "
        "hesitating between.",
        "按“训练”：指标“训练前的困惑度”约为 56，旁边的“词表大小”为 54。未训练的模型把猜测"
        "几乎平均地分给所有字符，而困惑度就是它在多少个同样可能的选项之间犹豫。"),
    "lesson.language-before.exercise": (
        "the character-level language model: perplexity",
        "字符级语言模型：困惑度"),
    "lesson.language-after.question": (
        "The same model after 10 epochs over those 2,000 characters: what is its perplexity "
        "now?",
        "同一个模型在这 2000 个字符上训练 10 轮之后：现在它的困惑度是多少？"),
    "lesson.language-after.choice.vocab": ("still about 54", "仍约 54"),
    "lesson.language-after.choice.half": ("about half of it (25 to 30)", "约一半（25 到 30）"),
    "lesson.language-after.choice.few": ("a few (between 2 and 10)", "几个（2 到 10 之间）"),
    "lesson.language-after.choice.one": ("exactly 1", "正好 1"),
    "lesson.language-after.why": (
        "The metric “Perplexity” shows about 3 after 10 epochs, and the perplexity curve "
        "shows the fall from 56 epoch by epoch: the model now hesitates between about three "
        "characters. It is measured on the text it trained on, so 2,000 characters are "
        "partly learned by heart.",
        "指标“困惑度”在 10 轮后约为 3，困惑度曲线逐轮显示了从 56 下降的过程：模型现在只在"
        "大约三个字符之间犹豫。它是在训练用的文本上测量的，所以这 2000 个字符有一部分是被"
        "背下来的。"),
    "lesson.language-after.exercise": (
        "the character-level language model: training lowers the perplexity",
        "字符级语言模型：训练降低困惑度"),
    # --- attention ----------------------------------------------------------------------------
    "lesson.attention-reverse.question": (
        "Attention learns to reverse strings of 3 to 6 letters over a–h. After training, "
        "in the attention matrix of a held-out string (one it never trained on), where is "
        "each output letter's largest weight?",
        "注意力模型学习反转由 a–h 组成、长 3 到 6 个字母的字符串。训练之后，在一个留出字符串"
        "（从未参与训练）的注意力矩阵中，每个输出字母的最大权重落在哪里？"),
    "lesson.attention-reverse.choice.anti": (
        "on the anti-diagonal: the first letter written looks at the last letter read",
        "在反对角线上：写出的第一个字母看读入的最后一个字母"),
    "lesson.attention-reverse.choice.diagonal": (
        "on the diagonal: each letter written looks at the letter in the same place",
        "在对角线上：写出的每个字母看同一位置的输入字母"),
    "lesson.attention-reverse.choice.end": (
        "on the end symbol ⟨E⟩, which sums up the whole string",
        "在结束符 ⟨E⟩ 上，它概括了整个字符串"),
    "lesson.attention-reverse.choice.spread": (
        "nowhere in particular: the weights stay spread evenly",
        "哪里都不突出：权重仍然平均分布"),
    "lesson.attention-reverse.why": (
        "Press Train (a few seconds), then look at “Attention matrix for …” under “4 · "
        "Translate any input”: the first held-out string of length 6, never trained on. In "
        "every row of a letter the brightest cell sits in a square of “where it should "
        "look”, from the top right to the bottom left: output step s reads input step "
        "7 − s. Reversal needs exactly that alignment, and nobody told the model: it "
        "learnt where to look. The live matrix in “3 · Train” shows the anti-diagonal "
        "appear as training goes.",
        "按“训练”（几秒钟），然后看“4 · 翻译任意输入”下的“……的注意力矩阵”：这是长度为 6 "
        "的第一个留出字符串，从未参与训练。每个字母所在的行里，最亮的格子都落在“应当关注的"
        "位置”的方框中，从右上到左下：第 s 个输出步读第 7 − s 个输入步。反转正需要这样的"
        "对应关系，而没有人告诉过模型：它自己学会了该看哪里。“3 · 训练”中的实时矩阵显示了"
        "反对角线在训练中逐渐出现。"),
    "lesson.attention-reverse.exercise": (
        "attention in the encoder-decoder: the weights α of each output step",
        "编码器-解码器中的注意力：每个输出步的权重 α"),
    "lesson.attention-pairs.question": (
        "The course's three word pairs (hello → hola, cat → gato, good → bueno) and the "
        "default model (GRU, additive attention, hidden size 64). Press Train: how many "
        "pairs will greedy decoding get right, and how soon?",
        "课程的三个词对（hello → hola、cat → gato、good → bueno）和默认模型（GRU、加性注意力、"
        "隐藏层大小 64）。按“训练”：贪心解码能译对几个词对，要多久？"),
    "lesson.attention-pairs.choice.all": (
        "all three, within a few dozen epochs (well under a second)",
        "三个全对，只需几十轮（远不到一秒）"),
    "lesson.attention-pairs.choice.later": (
        "all three, but only after hundreds of epochs (several seconds)",
        "三个全对，但要几百轮（好几秒）"),
    "lesson.attention-pairs.choice.some": ("one or two of them", "只对一两个"),
    "lesson.attention-pairs.choice.none": ("none: three examples are too few to learn from",
                                           "一个也不对：三个例子太少，学不会"),
    "lesson.attention-pairs.why": (
        "Press Train: the metric “Pairs right (greedy)” shows 100.0% after a few dozen "
        "epochs (“Updates”), the “Training time” well under a second on a class laptop, and "
        "“4 · Translate any input” shows hello → hola (right); type cat or good to see "
        "the other two. The run stops by itself once every pair has stayed right for 10 "
        "epochs in a row. The course material's recipe without attention takes several "
        "seconds to get there: with attention each output letter reads the input letters "
        "directly (“Attention matrix for “hello””) instead of one squeezed context vector.",
        "按“训练”：几十轮（“更新次数”）之后，指标“词对正确率（贪心）”显示 100.0%，"
        "在课堂笔记本电脑上“训练用时”远不到一秒；“4 · 翻译任意输入”显示 hello → hola"
        "（正确），输入 cat 或 good 可以看到另外两个。所有词对连续 10 轮都正确后，训练会"
        "自行停止。课程材料中不带注意力的方法要好几秒才能做到：有了注意力，每个输出字母直接"
        "读取输入的字母（““hello”的注意力矩阵”），而不是读取一个压缩后的上下文向量。"),
    "lesson.attention-pairs.exercise": (
        "attention added to the encoder-decoder translating hello, cat, good into Spanish",
        "给把 hello、cat、good 译成西班牙语的编码器-解码器加上注意力"),
}
