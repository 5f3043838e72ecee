//! Preparing a chat: its questions (own, from the bank, reordered) and
//! its checklist, and the template new chats copy.

use super::*;

impl Workspace {
    /// Adds a question of the person's own; optionally also to their bank.
    pub fn add_question(
        &mut self,
        id: &ChatId,
        category: QuestionCategory,
        text: &str,
        save_to_bank: bool,
    ) -> CommandResult {
        let text = required(text, t().command_write_question())?;
        let question = ChatQuestion {
            id: self.ids.next_id(),
            category,
            text: text.to_string(),
            asked: false,
            answer: String::new(),
        };
        self.chat_mut(id)?;
        if save_to_bank
            && !self
                .data
                .settings
                .own_questions
                .iter()
                .any(|q| q.text == text)
        {
            let saved = BankQuestion {
                id: self.ids.next_id(),
                category,
                text: text.to_string(),
            };
            self.data.settings.own_questions.push(saved);
            self.changed(RecordRef::Settings);
        }
        self.edit_chat(id, |chat| {
            chat.questions.push(question);
            Ok(())
        })
    }

    /// Plans a question from the bank, once.
    pub fn add_bank_question(&mut self, id: &ChatId, question: &BankQuestion) -> CommandResult {
        let new_id = self.ids.next_id();
        self.edit_chat(id, |chat| {
            if chat.questions.iter().any(|q| q.text == question.text) {
                return Err(t().command_already_planned().into());
            }
            chat.questions.push(ChatQuestion {
                id: new_id,
                category: question.category,
                text: question.text.clone(),
                asked: false,
                answer: String::new(),
            });
            Ok(())
        })
    }

    pub fn move_question(&mut self, id: &ChatId, index: usize, up: bool) -> CommandResult {
        self.edit_chat(id, |chat| {
            move_item(&mut chat.questions, index, up);
            Ok(())
        })
    }

    pub fn remove_question(&mut self, id: &ChatId, question: &str) -> CommandResult {
        self.edit_chat(id, |chat| {
            chat.questions.retain(|q| q.id != question);
            Ok(())
        })
    }

    pub fn remove_from_bank(&mut self, text: &str) -> CommandResult {
        self.edit_settings(|s| {
            s.own_questions.retain(|q| q.text != text);
            Ok(())
        })
    }

    pub fn add_checklist_item(&mut self, id: &ChatId, text: &str) -> CommandResult {
        let text = required(text, t().command_write_item())?;
        let item = ChecklistItem {
            id: self.ids.next_id(),
            group: ChecklistGroup::Own,
            text: text.to_string(),
            done: false,
        };
        self.edit_chat(id, |chat| {
            chat.checklist.push(item);
            Ok(())
        })
    }

    pub fn tick_checklist_item(&mut self, id: &ChatId, item: &str, done: bool) -> CommandResult {
        self.edit_chat(id, |chat| {
            let item = chat
                .checklist
                .iter_mut()
                .find(|i| i.id == item)
                .ok_or(CommandError::Missing(RecordKind::ChecklistItem))?;
            item.done = done;
            Ok(())
        })
    }

    pub fn remove_checklist_item(&mut self, id: &ChatId, item: &str) -> CommandResult {
        self.edit_chat(id, |chat| {
            chat.checklist.retain(|i| i.id != item);
            Ok(())
        })
    }

    // The checklist template

    /// Adds an item after the last one of its group, so groups stay together.
    pub fn add_template_item(&mut self, group: ChecklistGroup, text: &str) -> CommandResult {
        let text = required(text, t().command_write_item())?;
        let item = ChecklistItem {
            id: self.ids.next_id(),
            group,
            text: text.to_string(),
            done: false,
        };
        self.edit_settings(|s| {
            let items = &mut s.checklist_template;
            let at = items
                .iter()
                .rposition(|i| i.group == group)
                .map_or(items.len(), |p| p + 1);
            items.insert(at, item);
            Ok(())
        })
    }

    pub fn move_template_item(&mut self, index: usize, up: bool) -> CommandResult {
        self.edit_settings(|s| {
            move_item(&mut s.checklist_template, index, up);
            Ok(())
        })
    }

    pub fn remove_template_item(&mut self, id: &str) -> CommandResult {
        self.edit_settings(|s| {
            s.checklist_template.retain(|i| i.id != id);
            Ok(())
        })
    }

    pub fn restore_template(&mut self) -> CommandResult {
        self.edit_settings(|s| {
            s.checklist_template = built_in_checklist();
            Ok(())
        })
    }
}
