"""Strings of the hello -> ohlol page."""

# Symbols and formulas that read the same in both languages.
SAME_IN_BOTH = {"ohlol.variant.A.formula", "ohlol.variant.B.formula"}

STRINGS = {
    "ohlol.title": ("hello → ohlol: watch the loss fall", "hello → ohlol：看着损失一步步下降"),
    "ohlol.intro": (
        "A tiny recurrent network reads **hello** one character at a time and must answer "
        "**ohlol**, one output character per input character. Press **Train** and watch the "
        "loss fall epoch by epoch while the predicted string changes, for example "
        "lhlll → oolll → ohlol. Then compare RNN, LSTM and GRU, and see how much the random "
        "starting point matters.",
        "一个很小的循环神经网络逐个字符读入 **hello**，每读一个字符就要输出一个字符，"
        "目标是 **ohlol**。按下“训练”，看损失逐轮下降，预测的字符串也随之变化，"
        "例如 lhlll → oolll → ohlol。接着可以比较 RNN、LSTM 和 GRU，"
        "再看看随机初始化对结果的影响有多大。",
    ),
    # The task
    "ohlol.task.header": ("1 · The task", "1 · 任务"),
    "ohlol.input": ("Input string", "输入字符串"),
    "ohlol.target": ("Target string", "目标字符串"),
    "ohlol.texts.help": (
        "Any two strings of the same length, at most {limit} characters each.",
        "任意两个等长的字符串，每个最多 {limit} 个字符。",
    ),
    "ohlol.error.empty": (
        "{field} is empty: type at least one character.",
        "{field}为空：请至少输入一个字符。",
    ),
    "ohlol.error.too_long": (
        "{field} has {length} characters; at most {limit} are allowed.",
        "{field}有 {length} 个字符，最多只能有 {limit} 个。",
    ),
    "ohlol.error.unequal": (
        "{field} has {length} characters but the input string has {other}: the network "
        "outputs one character per input character, so both must be the same length.",
        "{field}有 {length} 个字符，而输入字符串有 {other} 个：网络每读一个字符输出一个字符，"
        "所以两者长度必须相同。",
    ),
    "ohlol.error.keep": (
        "The results of the last run stay on the page until you train again.",
        "上一次训练的结果会保留在页面上，直到你重新训练。",
    ),
    "ohlol.vocab": (
        "**Vocabulary**: the {n} distinct characters of both strings, sorted; a character's "
        "index is its column number.",
        "**词表**：两个字符串中出现的 {n} 个不同字符，按顺序排列；字符的索引就是它所在的列号。",
    ),
    "ohlol.row.char": ("Character", "字符"),
    "ohlol.row.input": ("Input index", "输入索引"),
    "ohlol.row.target": ("Target index", "目标索引"),
    "ohlol.encoded": (
        "The input and the target as indices, one column per time step:",
        "输入和目标转换成索引后的样子，每一列是一个时间步：",
    ),
    # Training controls
    "ohlol.train.header": ("2 · Training", "2 · 训练"),
    "ohlol.mode": ("What to train", "训练什么"),
    "ohlol.mode.single": ("One model", "单个模型"),
    "ohlol.mode.compare": ("Compare RNN, LSTM, GRU", "比较 RNN、LSTM、GRU"),
    "ohlol.mode.spread": ("Many random seeds", "多个随机种子"),
    "ohlol.variant": ("Model", "模型"),
    "ohlol.variant.A": ("A: one-hot → RNNCell", "A：独热编码 → RNNCell"),
    "ohlol.variant.B": ("B: embedding → RNN, LSTM or GRU", "B：嵌入层 → RNN、LSTM 或 GRU"),
    "ohlol.variant.A.formula": (
        "one-hot (V) → RNNCell(V, V) → h_t = logits",
        "one-hot (V) → RNNCell(V, V) → h_t = logits",
    ),
    "ohlol.variant.B.formula": (
        "Embedding(V, 10) → {cell}(10, {hidden}, batch_first=True){head}",
        "Embedding(V, 10) → {cell}(10, {hidden}, batch_first=True){head}",
    ),
    "ohlol.variant.A.explain": (
        "Variant A, part A of the course material's hello → ohlol exercise: each character "
        "enters as a one-hot vector; the hidden state itself is the {vocab} logits; the loss "
        "is the cross-entropy **summed** over the {steps} steps. The course material's "
        "settings: Adam, learning rate 0.1, 15 epochs.",
        "变体 A，即课程原版 hello → ohlol 练习的 A 部分：每个字符以独热向量输入；"
        "隐状态本身就是 {vocab} 个未归一化得分（logits）；损失是 {steps} 个时间步交叉熵的"
        "**总和**。课程原版设置：Adam，学习率 0.1，训练 15 轮。",
    ),
    "ohlol.variant.B.explain": (
        "Variant B, part B of the course material's hello → ohlol exercise: each character "
        "is looked up in a learned 10-dimensional embedding, then a recurrent layer reads the "
        "sequence; the loss is the **mean** cross-entropy. The course material's settings: "
        "Adam, learning rate 0.001, up to 4000 epochs; typically correct after a few hundred.",
        "变体 B，即课程原版 hello → ohlol 练习的 B 部分：每个字符先查一个可学习的 10 维嵌入"
        "向量，再由循环层读入整个序列；损失是交叉熵的**平均值**。课程原版设置：Adam，"
        "学习率 0.001，最多 4000 轮；通常几百轮后就能答对。",
    ),
    "ohlol.head_note": (
        "Hidden size {hidden} ≠ vocabulary size {vocab}, so a Linear({hidden}, {vocab}) layer "
        "turns the outputs into logits (the course material uses hidden size = vocabulary "
        "size and no extra layer).",
        "隐藏层大小 {hidden} ≠ 词表大小 {vocab}，因此加了一个 Linear({hidden}, {vocab}) "
        "层把输出变成未归一化得分（logits）（课程原版中隐藏层大小等于词表大小，"
        "不需要额外的层）。",
    ),
    "ohlol.compare.explain": (
        "Variant B with each cell in turn, every one starting from the same seed (the "
        "embedding starts identical). Each stops {margin} epochs after it first predicts "
        "the target when early stopping is on.",
        "依次用三种循环单元训练变体 B，全部使用同一个随机种子（嵌入层的初始值完全相同）。"
        "开启提前停止时，每个单元在第一次答对后再训练 {margin} 轮就停止。",
    ),
    "ohlol.spread.explain": (
        "Variant A from {k} random initialisations (seeds {first} to {last}), trained side "
        "by side as one batched model; every seed follows exactly the run it would follow "
        "alone.",
        "从 {k} 个不同的随机初始化（种子 {first} 到 {last}）训练变体 A，"
        "它们被打包成一个批量模型同时训练；每个种子的训练过程与单独训练时完全一样。",
    ),
    "ohlol.cell": ("Recurrent cell", "循环单元"),
    "ohlol.col.cell": ("Recurrent cell", "循环单元"),
    "ohlol.hidden": ("Hidden size", "隐藏层大小"),
    "ohlol.hidden.help": (
        "Variant B only. Equal to the vocabulary size, as in the course material, the "
        "outputs are the logits.",
        "仅用于变体 B。等于词表大小时（与课程原版相同），输出直接就是未归一化得分（logits）。",
    ),
    "ohlol.lr": ("Learning rate (Adam)", "学习率（Adam）"),
    "ohlol.epochs": ("Epochs", "训练轮数"),
    "ohlol.seed": ("Random seed", "随机种子"),
    "ohlol.seed.help": (
        "The same seed gives the same initial weights and the same run, every time.",
        "相同的种子给出相同的初始权重，每次训练的结果也完全相同。",
    ),
    "ohlol.k_seeds": ("Number of seeds", "种子个数"),
    "ohlol.early_stop": ("Early stopping", "提前停止"),
    "ohlol.early_stop.help": (
        "Stop each run {margin} epochs after it first predicts the target.",
        "每次训练在第一次答对后再训练 {margin} 轮就停止。",
    ),
    "ohlol.animation": ("Draw the curve over (seconds)", "曲线绘制时长（秒）"),
    "ohlol.animation.help": (
        "Training takes a fraction of a second; the curve is drawn over this many seconds "
        "so that a class can follow it. 0 shows it as soon as it is computed.",
        "训练本身不到一秒；曲线会在这么多秒内逐步画出，方便全班跟着看。设为 0 则算完立即显示。",
    ),
    "ohlol.spec_button": ("Course material's settings", "课程原版设置"),
    "ohlol.spec_button.help": (
        "The settings of the course material's hello → ohlol exercise for this model: "
        "learning rate {lr:g}, {epochs} epochs.",
        "课程原版 hello → ohlol 练习中这个模型的设置：学习率 {lr:g}，{epochs} 轮。",
    ),
    "ohlol.fast_button": ("Faster: learning rate 0.01", "更快：学习率 0.01"),
    "ohlol.fast.help": (
        "Ten times the course material's learning rate: the three cells usually get there "
        "in under a hundred epochs instead of several hundred.",
        "课程原版学习率的十倍：三种单元通常不到一百轮就能答对，而不是几百轮。",
    ),
    "ohlol.setting_now": (
        "Train will use: Adam, learning rate {lr:g}, at most {epochs} epochs, seed {seed}.",
        "按“训练”将使用：Adam，学习率 {lr:g}，最多 {epochs} 轮，种子 {seed}。",
    ),
    "ohlol.setting_spec": ("(the course material's setting)", "（课程原版设置）"),
    "ohlol.setting_not_spec": (
        "(not the course material's setting: it uses learning rate {lr:g})",
        "（不是课程原版设置：课程原版的学习率是 {lr:g}）",
    ),
    # The run whose results are shown (from its request, not from the controls)
    "ohlol.run": (
        "These results come from: {texts}, {model}, learning rate {lr:g}, {epochs}, {seeds}.",
        "以下结果来自：{texts}，{model}，学习率 {lr:g}，{epochs}，{seeds}。",
    ),
    "ohlol.run.A": ("variant A (one-hot → RNNCell)", "变体 A（独热编码 → RNNCell）"),
    "ohlol.run.B": (
        "variant B with {cell}, hidden size {hidden}",
        "变体 B，使用 {cell}，隐藏层大小 {hidden}",
    ),
    "ohlol.run.compare": (
        "variant B with RNN, LSTM and GRU in turn, hidden size {hidden}",
        "变体 B，依次使用 RNN、LSTM 和 GRU，隐藏层大小 {hidden}",
    ),
    "ohlol.run.epochs": ("{n} epochs", "{n} 轮"),
    "ohlol.run.epochs_early": (
        "at most {n} epochs, stopping {margin} after the first correct one",
        "最多 {n} 轮，首次答对后再训练 {margin} 轮即停止",
    ),
    "ohlol.run.seed": ("seed {seed}", "种子 {seed}"),
    "ohlol.run.seeds": ("{k} seeds ({first} to {last})", "{k} 个种子（{first} 到 {last}）"),
    # Results
    "ohlol.metric.final_loss": ("Final loss", "最终损失"),
    "ohlol.metric.prediction": ("Predicted string", "预测的字符串"),
    "ohlol.metric.first_hit": ("First “{target}” at epoch", "首次答对（{target}）的轮次"),
    "ohlol.metric.epochs": ("Epochs trained", "已训练轮数"),
    "ohlol.metric.never": ("not yet", "尚未答对"),
    "ohlol.metric.reached": (
        "Seeds reaching “{target}” by epoch {epochs}",
        "在第 {epochs} 轮之前答对（{target}）的种子数",
    ),
    "ohlol.metric.median_first": ("Median first correct epoch", "首次答对轮次的中位数"),
    "ohlol.metric.median_loss": ("Median final loss", "最终损失的中位数"),
    "ohlol.metric.cell_first": ("{cell}: first correct at epoch", "{cell}：首次答对的轮次"),
    "ohlol.metric.cell_time": ("Training time for all three", "三者的总训练时间"),
    "ohlol.curve.title": ("Loss per epoch", "每轮的损失"),
    "ohlol.compare.title": (
        "RNN, LSTM and GRU from seed {seed}",
        "RNN、LSTM 与 GRU（种子 {seed}）",
    ),
    "ohlol.spread.title": ("Loss of {k} seeds, variant A", "变体 A 在 {k} 个种子下的损失"),
    "ohlol.hits.title": (
        "When each seed first predicts “{target}”",
        "每个种子第一次答对（{target}）的轮次",
    ),
    "ohlol.axis.epoch": ("Epoch", "训练轮次"),
    "ohlol.axis.loss.A": (
        "Loss (cross-entropy summed over steps, nats)",
        "损失（各时间步交叉熵之和，单位：奈特）",
    ),
    "ohlol.axis.loss.B": ("Loss (mean cross-entropy, nats)", "损失（平均交叉熵，单位：奈特）"),
    "ohlol.axis.step": ("Time step: input → target", "时间步：输入 → 目标"),
    "ohlol.axis.char": ("Output character", "输出字符"),
    "ohlol.axis.unit": ("Hidden unit", "隐藏单元"),
    "ohlol.axis.unit_short": ("unit", "单元"),
    "ohlol.axis.prob": ("Probability", "概率"),
    "ohlol.axis.value": ("Value", "数值"),
    "ohlol.axis.first_epoch": ("Epoch of the first correct prediction", "第一次答对的轮次"),
    "ohlol.axis.seeds": ("Number of seeds", "种子个数"),
    "ohlol.hover.prediction": ("prediction", "预测"),
    "ohlol.hover.hit": ("first correct prediction", "第一次答对"),
    "ohlol.band": ("Min–max over seeds", "各种子的最小值–最大值"),
    "ohlol.median": ("Median", "中位数"),
    "ohlol.seed_word": ("seed", "种子"),
    "ohlol.never": ("never", "从未答对"),
    "ohlol.target_mark": ("Target character", "目标字符"),
    "ohlol.read.curve": (
        "each point is one epoch; hover to see the string the network predicted then. The "
        "star marks the first epoch whose prediction equals the target. Here the loss falls "
        "from {start:.4f} to {loss:.4f} in {epoch} epochs; first correct epoch: {first}.",
        "每个点是一轮训练；把鼠标移到点上可以看到当时预测的字符串。星号标出第一次答对的轮次。"
        "这次损失在 {epoch} 轮内从 {start:.4f} 降到 {loss:.4f}；第一次答对的轮次：{first}。",
    ),
    "ohlol.separator": (", ", "，"),
    "ohlol.read.compare": (
        "one curve per cell, all from the same seed; the number by each star is the epoch at "
        "which that cell first predicts the target. Final loss: {losses}.",
        "每种单元一条曲线，初始种子相同；星号旁的数字是该单元第一次答对的轮次。最终损失：{losses}。",
    ),
    "ohlol.read.spread": (
        "each thin line is one seed (orange: never correct within these epochs); the shaded "
        "band spans the lowest to the highest loss and the black line is the median. At epoch "
        "{epoch} the loss is {median:.4f} for the median seed, from {low:.4f} to {high:.4f}.",
        "每条细线是一个种子（橙色表示在这些轮次内始终没有答对）；阴影带覆盖最低到最高的损失，"
        "黑线是中位数。第 {epoch} 轮时损失的中位数是 {median:.4f}，"
        "范围从 {low:.4f} 到 {high:.4f}。",
    ),
    "ohlol.read.hits": (
        "the height of a bar is how many seeds first get the whole string right at that "
        "epoch; the last bar counts the seeds that never do. Here {reached} of {k} seeds get it "
        "right; the median first correct epoch: {median}.",
        "柱子的高度表示有多少个种子在该轮第一次把整个字符串都答对；最后一根柱子统计始终没答对的种子。"
        "这次 {k} 个种子中有 {reached} 个答对；第一次答对轮次的中位数：{median}。",
    ),
    "ohlol.read.probs": (
        "one column per time step; each column is the softmax over the characters and sums "
        "to 1. The outlined cell is the character that should come out: on average it gets "
        "{mean:.2f}, and it is the most probable at {right} of {steps} steps.",
        "每一列是一个时间步，是对所有字符做 softmax 得到的概率，每列之和为 1。"
        "带框的格子是应该输出的字符：它的平均概率是 {mean:.2f}，"
        "在 {steps} 步中有 {right} 步概率最高。",
    ),
    "ohlol.read.hidden": (
        "the hidden state after each step; in variant A it is the logits, so the largest "
        "value in a column is the predicted character. Its values here run from {low:.2f} to "
        "{high:.2f}.",
        "每一步之后的隐状态；在变体 A 中它就是未归一化得分（logits），所以每列中最大的值"
        "对应预测的字符。这里的取值从 {low:.2f} 到 {high:.2f}。",
    ),
    "ohlol.read.gates": (
        "gates are between 0 (closed) and 1 (open), on the green-yellow scale; the "
        "candidate, cell and hidden states are signed, on the blue-red scale. Mean opening: "
        "{means}.",
        "门的取值在 0（关闭）到 1（打开）之间，用绿黄色标表示；候选值、细胞状态和隐状态有正有负，"
        "用蓝红色标表示。平均开度：{means}。",
    ),
    "ohlol.table.header": ("Predicted string per epoch", "每轮预测的字符串"),
    "ohlol.table.compare_header": ("Predicted strings per epoch", "每轮预测的字符串"),
    "ohlol.table.spread_header": ("Every seed", "每个种子"),
    "ohlol.col.epoch": ("Epoch", "轮次"),
    "ohlol.col.loss": ("Loss", "损失"),
    "ohlol.col.prediction": ("Prediction", "预测"),
    "ohlol.col.correct": ("Correct", "是否正确"),
    "ohlol.col.seed": ("Seed", "种子"),
    "ohlol.col.first_hit": ("First correct epoch", "第一次答对的轮次"),
    "ohlol.col.final_loss": ("Final loss", "最终损失"),
    "ohlol.col.final_prediction": ("Final prediction", "最终预测"),
    # Inside one epoch
    "ohlol.inspect.header": ("3 · Inside one epoch", "3 · 某一轮的内部"),
    "ohlol.inspect.wait": (
        "Train a model above to look inside it; this section appears when training is done.",
        "先在上面训练一个模型，训练完成后这里会显示它的内部。",
    ),
    "ohlol.inspect.spread": (
        "Choose “One model” or “Compare” to look inside a network; here the lesson is the "
        "spread across seeds.",
        "选择“单个模型”或“比较”即可查看网络内部；这里要看的是不同种子之间的差异。",
    ),
    "ohlol.epoch": ("Epoch to look at", "查看第几轮"),
    "ohlol.inspect_cell": ("Cell to look at", "查看哪种单元"),
    "ohlol.inspect.summary": (
        "At the start of epoch {epoch} the network predicts “{prediction}” with loss "
        "{loss:.4f}; that epoch's update comes after this forward pass.",
        "第 {epoch} 轮开始时，网络预测“{prediction}”，损失为 {loss:.4f}；"
        "本轮的参数更新发生在这次前向计算之后。",
    ),
    "ohlol.probs.title": ("Softmax probabilities, epoch {epoch}", "第 {epoch} 轮的 softmax 概率"),
    "ohlol.hidden.title": ("Hidden state per step, epoch {epoch}", "第 {epoch} 轮各时间步的隐状态"),
    "ohlol.hidden.title_A": (
        "Hidden state (= logits) per step, epoch {epoch}",
        "第 {epoch} 轮各时间步的隐状态（即未归一化得分 logits）",
    ),
    "ohlol.gates.title": (
        "{cell} gates and states, epoch {epoch}",
        "第 {epoch} 轮 {cell} 的门与状态",
    ),
    "ohlol.gates.rnn_note": (
        "A plain RNN has no gates: its only state is the hidden state shown above. Pick LSTM "
        "or GRU to see gates.",
        "普通 RNN 没有门，它唯一的状态就是上面的隐状态。选择 LSTM 或 GRU 可以看到门的取值。",
    ),
    "ohlol.part.input": ("Input gate i", "输入门 i"),
    "ohlol.part.forget": ("Forget gate f", "遗忘门 f"),
    "ohlol.part.output": ("Output gate o", "输出门 o"),
    "ohlol.part.candidate": ("Candidate (new content)", "候选值（新内容）"),
    "ohlol.part.cell": ("Cell state c", "细胞状态 c"),
    "ohlol.part.hidden": ("Hidden state h", "隐状态 h"),
    "ohlol.part.reset": ("Reset gate r", "重置门 r"),
    "ohlol.part.update": ("Update gate z", "更新门 z"),
    "ohlol.scale.gate": ("gate σ", "门 σ"),
    "ohlol.scale.state": ("state", "状态"),
}
